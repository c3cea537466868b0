package dev.junction.bench.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} command-line options; a name may repeat (e.g. {@code --header}). */
public final class Args {
    private final Map<String, List<String>> values = new HashMap<>();

    public Args(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option, got " + args[i]);
            }
            String name = args[i].substring(2);
            String value = i + 1 < args.length && !args[i + 1].startsWith("--") ? args[++i] : "true";
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
    }

    public String string(String name, String fallback) {
        List<String> found = values.get(name);
        return found == null ? fallback : found.get(found.size() - 1);
    }

    public String required(String name) {
        String value = string(name, null);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    public double number(String name, double fallback) {
        String value = string(name, null);
        return value == null ? fallback : Double.parseDouble(value);
    }

    public boolean flag(String name) {
        return Boolean.parseBoolean(string(name, "false"));
    }
}
