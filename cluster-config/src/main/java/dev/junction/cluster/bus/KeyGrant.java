package dev.junction.cluster.bus;

import java.util.Objects;

/**
 * What the router needs to know of a virtual key: whose limits and budgets a request counts against. The
 * gateway has already checked the key itself (known, not blocked, not expired, allowed this model).
 *
 * @param key the key's own limits; its subject is {@code key:<sha256 of the key>}
 * @param team the limits of the key's team, or null when the key has no team
 * @param disableFallbacks {@code metadata.disable_fallbacks} of the key: no fallbacks for its requests
 */
public record KeyGrant(SpendSubject key, SpendSubject team, boolean disableFallbacks) {
    public KeyGrant {
        Objects.requireNonNull(key, "key");
    }
}
