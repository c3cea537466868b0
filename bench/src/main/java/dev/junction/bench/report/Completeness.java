package dev.junction.bench.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What makes a run complete: every scenario for every target and round, no failed request, JMH results. */
final class Completeness {
    /** Scenario → the targets it must have, each for every round: the cluster-state scenario only. */
    static final Map<String, List<String>> EXPECTED_STATE =
            Map.of(StateSection.PEAK, StateSection.SETUPS, StateSection.LATENCY, StateSection.latencyTargets());
    /** ... and in a full run. */
    static final Map<String, List<String>> EXPECTED = Map.of(
            "peak",
            LoadSections.PEAK_TARGETS,
            "fixed-rate",
            LoadSections.FIXED_TARGETS,
            "fixed-rate-portkey",
            List.of("upstream", "portkey"),
            "stream",
            StreamSections.TTFT_TARGETS,
            "cluster",
            List.of("junction-1node", "junction-3nodes"),
            StateSection.PEAK,
            StateSection.SETUPS,
            StateSection.LATENCY,
            StateSection.latencyTargets());
    /** ... and in a run of the load scenarios only. */
    static final Map<String, List<String>> EXPECTED_LOAD = Map.of(
            "peak",
            LoadSections.PEAK_TARGETS,
            "fixed-rate",
            LoadSections.FIXED_TARGETS,
            "fixed-rate-portkey",
            List.of("upstream", "portkey"));
    /** A scenario that exists only for one target's sake: a run without that target does not owe it. */
    static final Map<String, String> ONLY_FOR = Map.of("fixed-rate-portkey", "portkey");

    private Completeness() {}

    /**
     * @param only the run's {@code run.sh --only} ({@code cluster}: scenario 7 and JMH; {@code load}: scenarios 1,
     *     2 and 5), empty for a whole run
     * @param skipped what the run left out on purpose ({@code --no-portkey}; {@code --smoke} also scenario 7)
     */
    static List<String> check(
            Results results, int rounds, JsonArray jmh, boolean jmhExpected, String only, Skipped skipped) {
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> expected =
                switch (only) {
                    case "cluster" -> EXPECTED_STATE;
                    case "load" -> EXPECTED_LOAD;
                    default -> EXPECTED;
                };
        expected.forEach((scenario, targets) -> {
            String onlyFor = ONLY_FOR.get(scenario);
            if (skipped.scenarios().contains(scenario)
                    || (onlyFor != null && skipped.targets().contains(onlyFor))) {
                return;
            }
            for (String target : targets) {
                if (skipped.targets().contains(target)) {
                    continue;
                }
                for (int round = 1; round <= rounds; round++) {
                    int r = round;
                    if (results.of(scenario, target).stream().noneMatch(row -> row.getInteger("round") == r)) {
                        problems.add("missing: " + scenario + " / " + target + " / round " + round);
                    }
                }
            }
        });
        for (String target : only.isEmpty() ? StreamSections.SLOW_TARGETS : List.<String>of()) {
            if (!skipped.targets().contains(target)
                    && results.of("slow-streams", target).isEmpty()) {
                problems.add("missing: slow-streams / " + target);
            }
        }
        for (JsonObject row : results.all()) {
            if (nothingAnswered(row)) {
                problems.add("nothing answered in the measured window of " + row.getString("scenario") + " / "
                        + row.getString("target") + " / round " + row.getValue("round"));
            }
            long errors = Results.errors(row);
            if (errors > 0) {
                problems.add(errors + " failed request(s) in " + row.getString("scenario") + " / "
                        + row.getString("target") + " / round " + row.getValue("round") + ": " + errorDetail(row));
            }
        }
        if (jmhExpected && (jmh == null || jmh.isEmpty())) {
            problems.add("missing: JMH results");
        }
        return problems;
    }

    /** A load tool's line without one answer: wrk's and ClosedLoop's {@code requests}, OpenLoop's {@code ok}. */
    private static boolean nothingAnswered(JsonObject row) {
        Object answered = row.containsKey("requests") ? row.getValue("requests") : row.getValue("ok");
        return answered instanceof Number n && n.longValue() == 0;
    }

    private static String errorDetail(JsonObject row) {
        List<String> parts = new ArrayList<>();
        for (String field : row.fieldNames()) {
            if ((field.startsWith("errors_") || field.equals("non2xx"))
                    && row.getValue(field) instanceof Number n
                    && n.longValue() > 0) {
                parts.add(field + "=" + n);
            }
        }
        return parts.isEmpty() ? "see the result line" : String.join(", ", parts);
    }
}
