package dev.junction.config;

/** A config file Junction cannot run on. The message names the YAML path and the problem. */
public final class ConfigException extends RuntimeException {
    private final String path;
    private final String problem;

    public ConfigException(String path, String problem) {
        super(path + ": " + problem);
        this.path = path;
        this.problem = problem;
    }

    /** What is wrong, without the path. */
    public String problem() {
        return problem;
    }

    public String path() {
        return path;
    }
}
