package dev.junction.config;

/** A config file Junction cannot run on. The message names the YAML path and the problem. */
public final class ConfigException extends RuntimeException {
    private final String path;

    public ConfigException(String path, String problem) {
        super(path + ": " + problem);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
