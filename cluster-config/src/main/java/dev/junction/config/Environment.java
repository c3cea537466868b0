package dev.junction.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The environment a config is resolved against: the file's {@code environment_variables} laid over the
 * process environment. LiteLLM exports {@code environment_variables} into its process; Java cannot change
 * its own environment, so the overlay is consulted first instead.
 */
public final class Environment {
    private final Map<String, String> overlay;
    private final Map<String, String> process;

    private Environment(Map<String, String> overlay, Map<String, String> process) {
        this.overlay = Map.copyOf(overlay);
        this.process = Map.copyOf(process);
    }

    /** The given process environment with no overlay. */
    public static Environment of(Map<String, String> process) {
        return new Environment(Map.of(), Objects.requireNonNull(process, "process"));
    }

    /** This environment with {@code variables} added on top (they win over earlier values). */
    public Environment withOverlay(Map<String, String> variables) {
        Map<String, String> merged = new LinkedHashMap<>(overlay);
        merged.putAll(variables);
        return new Environment(merged, process);
    }

    public Optional<String> get(String name) {
        String value = overlay.get(name);
        return Optional.ofNullable(value != null ? value : process.get(name));
    }

    /** Every variable whose name starts with {@code prefix}, overlay values winning. */
    public Map<String, String> startingWith(String prefix) {
        Map<String, String> found = new LinkedHashMap<>();
        process.forEach((name, value) -> {
            if (name.startsWith(prefix)) {
                found.put(name, value);
            }
        });
        overlay.forEach((name, value) -> {
            if (name.startsWith(prefix)) {
                found.put(name, value);
            }
        });
        return found;
    }

    @Override
    public String toString() {
        // Environment values are often credentials: show how many there are, never what they hold.
        return "Environment[" + overlay.size() + " overlay, " + process.size() + " process variables]";
    }
}
