package dev.junction.cluster.observe;

/**
 * Who calls, as LiteLLM labels its metrics and logs (never the key itself).
 *
 * @param keyHash the SHA-256 of the virtual key ({@code hashed_api_key}), or null for the master key or an
 *     open gateway
 * @param keyAlias the key's {@code key_alias}, or null
 * @param teamId the key's team, or null
 * @param teamAlias the team's alias, or null
 * @param userId the key's {@code user_id}, or null
 */
public record CallerLabels(String keyHash, String keyAlias, String teamId, String teamAlias, String userId) {
    /** The master key, or anyone on an open gateway. */
    public static final CallerLabels ADMIN = new CallerLabels(null, null, null, null, null);
}
