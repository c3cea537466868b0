package dev.junction.bench.report;

import io.vertx.core.json.JsonArray;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes BENCHMARKS.md from one run's result lines, machine description and JMH results, and checks that
 * the run is complete and error-free: it exits 1 (after writing the report, problems listed in it) when a
 * scenario is missing a target or round, or when any request failed. Timings are never checked.
 *
 * <pre>
 * java -cp junction-bench.jar dev.junction.bench.report.Report --results results.jsonl --env env.properties
 *     [--jmh jmh.json] --out BENCHMARKS.md
 * </pre>
 */
public final class Report {
    private Report() {}

    public static void main(String[] argv) throws IOException {
        Path results = null;
        Path env = null;
        Path jmh = null;
        Path out = null;
        for (int i = 0; i + 1 < argv.length; i += 2) {
            Path value = Path.of(argv[i + 1]);
            switch (argv[i]) {
                case "--results" -> results = value;
                case "--env" -> env = value;
                case "--jmh" -> jmh = value;
                case "--out" -> out = value;
                default -> throw new IllegalArgumentException("unknown option " + argv[i]);
            }
        }
        if (results == null || env == null || out == null) {
            throw new IllegalArgumentException("--results, --env and --out are required");
        }
        Properties machine = new Properties();
        try (Reader reader = Files.newBufferedReader(env)) {
            machine.load(reader);
        }
        Results loaded = Results.load(results);
        JsonArray jmhRuns = JmhSection.load(jmh);
        int rounds = Integer.parseInt(machine.getProperty("rounds", "1"));
        Set<String> skipped = Arrays.stream(
                        machine.getProperty("skipped_targets", "").split(","))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .collect(Collectors.toSet());
        List<String> problems = Completeness.check(loaded, rounds, jmhRuns, jmh != null, skipped);
        Files.writeString(out, render(loaded, machine, jmhRuns, problems));
        System.out.println("wrote " + out + (problems.isEmpty() ? "" : " with " + problems.size() + " problem(s)"));
        problems.forEach(problem -> System.out.println("problem: " + problem));
        if (!problems.isEmpty()) {
            System.exit(1);
        }
    }

    private static String skippedNote(Properties machine) {
        String skipped = machine.getProperty("skipped_targets", "");
        return skipped.isBlank() ? "" : " (left out on purpose: " + skipped + ")";
    }

    static String render(Results results, Properties machine, JsonArray jmh, List<String> problems) {
        LoadSections load = new LoadSections(results);
        StreamSections streams = new StreamSections(results, load);
        return "# Junction benchmarks\n\n"
                + "Written by `bench/run.sh` (" + machine.getProperty("mode") + " mode) on "
                + machine.getProperty("date") + ". How the numbers are made and how to read them:"
                + " [bench/README.md](bench/README.md). Raw result lines and latency histograms of the last run are"
                + " in `bench/.cache/run/` (not committed).\n\n"
                + Conditions.render(machine)
                + Headline.render(results)
                + load.peak()
                + load.fixedRate()
                + streams.firstToken()
                + streams.slowStreams()
                + load.cluster()
                + load.authAndLimits()
                + JmhSection.render(jmh, machine.getProperty("jmh_settings", "see bench/run.sh"))
                + "## Problems\n\n"
                + (problems.isEmpty()
                        ? "None: every scenario ran for every target and round" + skippedNote(machine)
                                + ", and no request failed.\n"
                        : String.join("\n", problems.stream().map(p -> "- " + p).toList()) + "\n");
    }
}
