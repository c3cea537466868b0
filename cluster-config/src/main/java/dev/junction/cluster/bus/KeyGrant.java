package dev.junction.cluster.bus;

import java.util.List;
import java.util.Objects;

/**
 * What the router needs to know of a virtual key: whose limits and budgets a request counts against. The
 * gateway has already checked the key itself (known, not blocked, not expired, allowed this model).
 *
 * @param key the key's own limits; its subject is {@code key:<sha256 of the key>}
 * @param team the limits of the key's team, or null when the key has no team
 * @param disableFallbacks {@code metadata.disable_fallbacks} of the key: no fallbacks for its requests
 * @param tags the {@code metadata.tags} of the key and of its team, added to the request's own for tag routing
 */
public record KeyGrant(SpendSubject key, SpendSubject team, boolean disableFallbacks, List<String> tags) {
    public KeyGrant {
        Objects.requireNonNull(key, "key");
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public KeyGrant(SpendSubject key, SpendSubject team, boolean disableFallbacks) {
        this(key, team, disableFallbacks, List.of());
    }
}
