package dev.junction.gateway.keys;

import java.util.Optional;

/** Who is calling, once authenticated. */
public sealed interface Caller {
    /** The master key, or anyone when no master key is set: every route, no limits of its own. */
    Caller ADMIN = new Admin();

    record Admin() implements Caller {}

    /**
     * A virtual key (valid, not blocked, not expired) and those it belongs to.
     *
     * @param key the key
     * @param team its team, or null
     * @param user its user (by {@code user_id}), or null when it has none or the user does not exist
     * @param member its user's membership of its team, or null
     * @param organization its team's organisation, or null
     * @param organizationBudget the organisation's budget (its limits), or null
     */
    record KeyHolder(
            VirtualKey key,
            Team team,
            User user,
            TeamMember member,
            Organization organization,
            Budget organizationBudget)
            implements Caller {

        public KeyHolder(VirtualKey key, Team team) {
            this(key, team, null, null, null, null);
        }

        /** The role of the key's user; a key without a user has none. */
        public Optional<UserRole> role() {
            return user == null ? Optional.empty() : Optional.of(user.role());
        }
    }
}
