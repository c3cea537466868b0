package dev.junction.provider.google;

import java.time.Instant;

/**
 * An OAuth2 access token for Google APIs and what came with the credentials that made it.
 *
 * @param value the bearer token
 * @param projectId the project the credentials belong to (a service account's {@code project_id}), or null
 * @param expiresAt when Google stops accepting it
 */
public record GoogleToken(String value, String projectId, Instant expiresAt) {
    @Override
    public String toString() {
        return "GoogleToken[project=" + projectId + ", expiresAt=" + expiresAt + "]"; // never the token itself
    }
}
