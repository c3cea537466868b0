package dev.junction.config;

/**
 * A deployment names a provider Junction does not speak. Unlike a {@link ConfigException} this does not stop
 * start-up: the deployment is skipped with a warning and the rest of the config is served.
 */
final class UnsupportedProviderException extends RuntimeException {
    private final String provider;
    private final String path;

    UnsupportedProviderException(String provider, String path) {
        super(path + ": provider '" + provider + "' is not supported", null, false, false);
        this.provider = provider;
        this.path = path;
    }

    String provider() {
        return provider;
    }

    String path() {
        return path;
    }
}
