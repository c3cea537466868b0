package dev.junction.gateway.keys;

/** Who is calling, once authenticated. */
public sealed interface Caller {
    /** The master key, or anyone when no master key is set: every route, no limits of its own. */
    Caller ADMIN = new Admin();

    record Admin() implements Caller {}

    /**
     * A virtual key (valid, not blocked, not expired) and its team.
     *
     * @param key the key
     * @param team its team, or null
     */
    record KeyHolder(VirtualKey key, Team team) implements Caller {}
}
