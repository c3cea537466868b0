package dev.junction.bench.report;

import io.vertx.core.json.JsonArray;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * Writes BENCHMARKS.md from one run's result lines, machine description and JMH results, and checks that
 * the run is complete and error-free: it exits 1 (after writing the report, problems listed in it) when a
 * scenario is missing a target or round, or when any request failed. Timings are never checked.
 *
 * <pre>
 * java -cp junction-bench.jar dev.junction.bench.report.Report --results results.jsonl --env env.properties
 *     [--jmh jmh.json] --out BENCHMARKS.md [--only cluster|load]
 * </pre>
 *
 * With {@code --only cluster} the report holds the cluster-state scenario (7) and the JMH results only; with
 * {@code --only load} the peak, fixed-rate and auth-and-limits scenarios (1, 2, 5).
 */
public final class Report {
    private Report() {}

    public static void main(String[] argv) throws IOException {
        Path results = null;
        Path env = null;
        Path jmh = null;
        Path out = null;
        String only = "";
        for (int i = 0; i + 1 < argv.length; i += 2) {
            Path value = Path.of(argv[i + 1]);
            switch (argv[i]) {
                case "--results" -> results = value;
                case "--env" -> env = value;
                case "--jmh" -> jmh = value;
                case "--out" -> out = value;
                case "--only" -> only = requireKnown(argv[i + 1]);
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
        Skipped skipped = Skipped.from(machine);
        List<String> problems = Completeness.check(loaded, rounds, jmhRuns, jmh != null, only, skipped);
        Files.writeString(
                out,
                switch (only) {
                    case "cluster" -> renderState(loaded, machine, jmhRuns, problems);
                    case "load" -> renderLoad(loaded, machine, problems);
                    default -> render(loaded, machine, jmhRuns, problems);
                });
        System.out.println("wrote " + out + (problems.isEmpty() ? "" : " with " + problems.size() + " problem(s)"));
        problems.forEach(problem -> System.out.println("problem: " + problem));
        if (!problems.isEmpty()) {
            System.exit(1);
        }
    }

    private static String requireKnown(String only) {
        if (!"cluster".equals(only) && !"load".equals(only)) {
            throw new IllegalArgumentException("--only takes cluster or load, not " + only);
        }
        return only;
    }

    static String renderState(Results results, Properties machine, JsonArray jmh, List<String> problems) {
        return "# Junction benchmarks: the cluster state path\n\n"
                + "Written by `bench/run.sh --only cluster` on " + machine.getProperty("date")
                + ". How the numbers are made: [bench/README.md](bench/README.md).\n\n"
                + Conditions.render(machine)
                + new StateSection(results, new LoadSections(results)).render()
                + JmhSection.render(jmh, machine.getProperty("jmh_settings", "see bench/run.sh"))
                + problems(problems, Skipped.NONE);
    }

    static String renderLoad(Results results, Properties machine, List<String> problems) {
        LoadSections load = new LoadSections(results);
        return "# Junction benchmarks: peak throughput and fixed-rate latency\n\n"
                + "Written by `bench/run.sh --only load` on " + machine.getProperty("date")
                + ": scenarios 1, 2 and 5 only (the summary's other rows are n/a). How the numbers are made:"
                + " [bench/README.md](bench/README.md).\n\n"
                + Conditions.render(machine)
                + Headline.render(results)
                + load.peak()
                + load.fixedRate()
                + load.authAndLimits()
                + problems(problems, Skipped.from(machine));
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
                + (Skipped.from(machine).scenarios().contains(StateSection.PEAK)
                        ? ""
                        : new StateSection(results, load).render())
                + JmhSection.render(jmh, machine.getProperty("jmh_settings", "see bench/run.sh"))
                + problems(problems, Skipped.from(machine));
    }

    private static String problems(List<String> problems, Skipped skipped) {
        return "## Problems\n\n"
                + (problems.isEmpty()
                        ? "None: every scenario ran for every target and round" + skipped.note()
                                + ", and no request failed.\n"
                        : String.join("\n", problems.stream().map(p -> "- " + p).toList()) + "\n");
    }
}
