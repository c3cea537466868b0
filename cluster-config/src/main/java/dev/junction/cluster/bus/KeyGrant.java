package dev.junction.cluster.bus;

import java.util.List;

/**
 * What the router needs to know of a call's caller: whose limits and budgets it counts against, and whom its
 * spend log row names. The gateway has already checked the key itself (known, not blocked, not expired,
 * allowed this model), its user, team and organisation, and the request's end user.
 *
 * @param key the key's own limits, subject {@code key:<sha256 of the key>}; null for the master key (a grant
 *     that only carries an end user's limits)
 * @param team the limits of the key's team, or null when the key has no team
 * @param disableFallbacks {@code metadata.disable_fallbacks} of the key: no fallbacks for its requests
 * @param others further holders of limits and budgets, each counted like the key: the key's user ({@code
 *     user:}), its membership of its team ({@code member:}), the team's organisation ({@code org:}) and the
 *     request's end user ({@code end_user:})
 * @param allowedRegion the only region ({@code region_name}) the call may go to (the end user's {@code
 *     allowed_model_region}), or null for any
 * @param owner who the call's spend log row names
 * @param tags the {@code metadata.tags} of the key and of its team, added to the request's own for tag routing
 */
public record KeyGrant(
        SpendSubject key,
        SpendSubject team,
        boolean disableFallbacks,
        List<SpendSubject> others,
        String allowedRegion,
        CallOwner owner,
        List<String> tags) {
    public KeyGrant {
        others = others == null ? List.of() : List.copyOf(others);
        owner = owner == null ? CallOwner.NONE : owner;
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** A key's grant without users, organisations or end users. */
    public KeyGrant(SpendSubject key, SpendSubject team, boolean disableFallbacks) {
        this(key, team, disableFallbacks, List.of(), null, null, List.of());
    }

    /** A key's grant without users, organisations or end users, carrying its and its team's tags. */
    public KeyGrant(SpendSubject key, SpendSubject team, boolean disableFallbacks, List<String> tags) {
        this(key, team, disableFallbacks, List.of(), null, null, tags);
    }
}
