package dev.junction.config;

/**
 * The supported part of {@code general_settings}.
 *
 * @param masterKey the admin key; null means the gateway is open
 * @param maxRequestSizeMb the largest request body accepted
 * @param allowClientSideCredentials whether a request may carry its own {@code api_key}/{@code api_base}
 */
public record GeneralSettings(Secret masterKey, double maxRequestSizeMb, boolean allowClientSideCredentials) {
    public static final double DEFAULT_MAX_REQUEST_SIZE_MB = 32;

    public GeneralSettings {
        if (!(maxRequestSizeMb > 0)) {
            throw new IllegalArgumentException("max_request_size_mb must be positive");
        }
    }

    public static GeneralSettings defaults() {
        return new GeneralSettings(null, DEFAULT_MAX_REQUEST_SIZE_MB, false);
    }

    public long maxRequestBytes() {
        return (long) (maxRequestSizeMb * 1024 * 1024);
    }
}
