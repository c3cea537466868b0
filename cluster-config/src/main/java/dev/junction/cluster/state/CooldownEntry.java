package dev.junction.cluster.state;

import java.io.Serializable;

/**
 * A deployment's cooldown as stored in the cluster map (the map's TTL removes it when it is over).
 *
 * @param untilEpochMillis when the cooldown ends
 * @param reason why it started, for logs and the no-deployments message
 */
record CooldownEntry(long untilEpochMillis, String reason) implements Serializable {}
