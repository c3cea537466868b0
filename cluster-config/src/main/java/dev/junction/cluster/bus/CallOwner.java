package dev.junction.cluster.bus;

/**
 * Whom a call is made for, as its spend log row names them. Every field may be null.
 *
 * @param apiKey the SHA-256 hash of the virtual key (never the key); null for the master key
 * @param keyAlias the key's alias
 * @param userId the key's user
 * @param teamId the key's team
 * @param organizationId the team's organisation
 * @param endUser the request's {@code user} field (LiteLLM's end user, or customer)
 */
public record CallOwner(
        String apiKey, String keyAlias, String userId, String teamId, String organizationId, String endUser) {
    public static final CallOwner NONE = new CallOwner(null, null, null, null, null, null);

    /** This owner with the request's end user. */
    public CallOwner withEndUser(String user) {
        return new CallOwner(apiKey, keyAlias, userId, teamId, organizationId, user);
    }
}
