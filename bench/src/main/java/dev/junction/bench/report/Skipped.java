package dev.junction.bench.report;

import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a run left out on purpose, as run.sh wrote it in env.properties: targets ({@code skipped_targets}, e.g.
 * Portkey with {@code --no-portkey}) and scenarios ({@code skipped_scenarios}, e.g. scenario 7 in
 * {@code --smoke}). A run does not owe what it skipped, and its report says so.
 */
record Skipped(Set<String> targets, Set<String> scenarios) {
    /** For the cluster-state report, which never has Portkey nor the other scenarios to begin with. */
    static final Skipped NONE = new Skipped(Set.of(), Set.of());

    static Skipped from(Properties machine) {
        return new Skipped(list(machine, "skipped_targets"), list(machine, "skipped_scenarios"));
    }

    private static Set<String> list(Properties machine, String key) {
        return Arrays.stream(machine.getProperty(key, "").split(","))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Empty when nothing was skipped, else a parenthesis for the report's "no problems" sentence. */
    String note() {
        if (targets.isEmpty() && scenarios.isEmpty()) {
            return "";
        }
        String what = String.join(", ", targets.stream().sorted().toList());
        if (scenarios.contains(StateSection.PEAK)) {
            what += (what.isEmpty() ? "" : "; ") + "scenario 7, which run.sh --only cluster runs alone";
        }
        return " (left out on purpose: " + what + ")";
    }
}
