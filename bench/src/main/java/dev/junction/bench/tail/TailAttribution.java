package dev.junction.bench.tail;

import dev.junction.bench.load.Args;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lays the slow moments of an open-loop run beside what the target and the generator were doing: each 10 ms
 * slot whose worst latency is over a threshold is put down to a GC pause of the target, one of the generator,
 * or neither; and the target's event loops' CPU time and run-queue wait over the run are read from two
 * snapshots of {@code /proc/PID/task/}{@code *}{@code /schedstat}.
 *
 * <pre>
 * java -cp junction-bench.jar dev.junction.bench.tail.TailAttribution --slots slots.txt --gc target-gc.log
 *     --generator-gc generator-gc.log [--sched-before a.txt --sched-after b.txt] [--over-ms 5] [--label NAME]
 * </pre>
 *
 * GC logs are written with {@code -Xlog:gc:file=F:time}. A schedstat snapshot has one line per thread:
 * {@code name cpu_ns wait_ns slices}. Prints one Markdown table row (see {@link #HEADER}).
 */
public final class TailAttribution {
    public static final String HEADER =
            "| run | slow slots | after a target GC pause | after a generator GC pause | neither | target GC pauses, whole run (total ms) | event loops: CPU s | event loops: waiting for a CPU, s | Hazelcast threads: CPU s |";

    private static final String EVENT_LOOPS = "vert.x-eventloo";
    /** Hazelcast names its threads hz.INSTANCE.KIND; a thread that starts and ends between snapshots is missed. */
    private static final String HAZELCAST = "hz.";

    private static final Pattern PAUSE = Pattern.compile("^\\[([^\\]]+)\\].* Pause .* ([\\d.]+)ms$");
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private TailAttribution() {}

    /** A stop-the-world pause, as wall-clock millis: the log line is written when it ends. */
    record Pause(long endMillis, double millis) {
        /** A slot is put down to a pause if it starts within the pause or in the backlog drained after it. */
        boolean explains(long slotMillis) {
            long start = endMillis - Math.round(millis) - 5;
            long drained = endMillis + Math.round(2 * millis) + 5;
            return slotMillis >= start && slotMillis <= drained;
        }
    }

    public static void main(String[] argv) throws IOException {
        Args args = new Args(argv);
        if (args.flag("header")) {
            System.out.println(HEADER);
            return;
        }
        double overMillis = args.number("over-ms", 5);
        List<Long> slow = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args.required("slots")))) {
            String[] parts = line.trim().split(" ");
            if (parts.length == 2 && Long.parseLong(parts[1]) > overMillis * 1000) {
                slow.add(Long.parseLong(parts[0]));
            }
        }
        List<Pause> target = pauses(Path.of(args.required("gc")));
        List<Pause> generator = pauses(Path.of(args.required("generator-gc")));
        int byTarget = 0;
        int byGenerator = 0;
        for (long slotMillis : slow) {
            if (target.stream().anyMatch(p -> p.explains(slotMillis))) {
                byTarget++;
            } else if (generator.stream().anyMatch(p -> p.explains(slotMillis))) {
                byGenerator++;
            }
        }
        int neither = slow.size() - byTarget - byGenerator;
        String loops = "| | | ";
        if (args.string("sched-before", null) != null) {
            Path before = Path.of(args.required("sched-before"));
            Path after = Path.of(args.required("sched-after"));
            double[] loopsBefore = threads(before, EVENT_LOOPS);
            double[] loopsAfter = threads(after, EVENT_LOOPS);
            double hazelcast = threads(after, HAZELCAST)[0] - threads(before, HAZELCAST)[0];
            loops = String.format(
                    Locale.ROOT,
                    "| %.1f | %.1f | %.1f ",
                    loopsAfter[0] - loopsBefore[0],
                    loopsAfter[1] - loopsBefore[1],
                    hazelcast);
        }
        System.out.printf(
                Locale.ROOT,
                "| %s | %d | %s | %s | %s | %d (%.0f) %s|%n",
                args.string("label", "run"),
                slow.size(),
                share(byTarget, slow.size()),
                share(byGenerator, slow.size()),
                share(neither, slow.size()),
                target.size(),
                target.stream().mapToDouble(Pause::millis).sum(),
                loops);
    }

    private static String share(int part, int whole) {
        return whole == 0 ? "-" : String.format(Locale.ROOT, "%d (%.0f%%)", part, 100.0 * part / whole);
    }

    static List<Pause> pauses(Path log) throws IOException {
        List<Pause> found = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            Matcher m = PAUSE.matcher(line);
            if (m.matches() && !line.contains("Safepoint")) {
                long end =
                        OffsetDateTime.parse(m.group(1), LOG_TIME).toInstant().toEpochMilli();
                found.add(new Pause(end, Double.parseDouble(m.group(2))));
            }
        }
        return found;
    }

    /**
     * Seconds of CPU and of run-queue wait of the threads whose name starts with {@code prefix}, summed (the
     * kernel keeps the first 15 characters of a thread's name).
     */
    static double[] threads(Path snapshot, String prefix) throws IOException {
        double[] sums = new double[2];
        for (String line : Files.readAllLines(snapshot)) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 4 && parts[0].startsWith(prefix)) {
                sums[0] += Long.parseLong(parts[1]) / 1e9;
                sums[1] += Long.parseLong(parts[2]) / 1e9;
            }
        }
        return sums;
    }
}
