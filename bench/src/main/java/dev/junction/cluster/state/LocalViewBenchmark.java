package dev.junction.cluster.state;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The state calls one request makes on a node's view of a busy deployment under the batched default, without
 * the cluster: admit, complete with a latency sample, and the snapshot the reply's rate-limit headers are read
 * from, with the cluster's 64 latest samples and a batch of this node's own. Lives in the state package because
 * the view is package-private.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class LocalViewBenchmark {
    private static final int KEEP = 64;

    private final LocalView view = new LocalView();
    private long window;

    @Setup
    public void setUp() {
        window = System.currentTimeMillis() / 60_000;
        double[] latencies = new double[KEEP];
        long[] times = new long[KEEP];
        for (int i = 0; i < KEEP; i++) {
            latencies[i] = 0.2 + i / 1000.0;
            times[i] = System.currentTimeMillis() - (KEEP - i) * 10L;
        }
        view.pushed(
                new UsageSnapshot(window, 1000, 50_000, 990, 0, 8, 0, latencies, times, new double[0], new long[0]));
    }

    @Benchmark
    public UsageSnapshot oneRequest() {
        Admission admission = view.admit(window, Long.MAX_VALUE, Long.MAX_VALUE, 120, false, 1);
        view.complete(
                window,
                new CallOutcome(
                        admission.admitted(), window, 0, true, true, 0.25, null, KEEP, System.currentTimeMillis(), 0));
        return view.snapshot(window);
    }
}
