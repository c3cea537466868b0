package dev.junction.cluster.spend;

/**
 * One member's part of a subject's spend in the current budget period. Only that member's calls change it, so
 * when the two sides of a split cluster merge, the copy with the higher version is that member's latest.
 */
final class MemberShare {
    /** USD this member's calls settled in the period, on top of the counter's base. */
    double spend;

    /** USD estimated for this member's calls in flight. */
    double reserved;

    /** The part of {@link #spend} already written to the store. */
    double written;

    /** Bumped by every change this member makes. */
    long version;

    MemberShare copy() {
        MemberShare copy = new MemberShare();
        copy.spend = spend;
        copy.reserved = reserved;
        copy.written = written;
        copy.version = version;
        return copy;
    }
}
