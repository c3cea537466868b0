package dev.junction.cluster.state;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.junction.bench.jmh.JmhMembers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One push of the batched state's background sync, as every node makes it for each busy deployment every
 * sync interval (10 ms by default): one tick's worth of changes at 6,000 requests/s (60 admissions, their
 * tokens and 60 latency samples) applied by an entry processor on the deployment's partition, the cluster's
 * totals coming back. On one member the call stays in memory; on a member of three that does not own the
 * partition it crosses loopback, and the owner also backs the change up. Lives in the state package because
 * the processor and its payload are package-private.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// As the gateway starts it: a common pool of at least 2, so Hazelcast completes on it, not a thread per call.
@Fork(value = 1, jvmArgsAppend = "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2")
public class SyncPushBenchmark {
    private static final String DEPLOYMENT = "bench-deployment";
    private static final int CALLS_PER_TICK = 60;

    @Param({"1", "3"})
    public int members;

    private final List<HazelcastInstance> hazelcast = new ArrayList<>();
    private IMap<String, DeploymentCounters> deployments;
    private long window;

    @Setup
    public void setUp() {
        hazelcast.addAll(JmhMembers.start(members));
        deployments = JmhMembers.notOwning(hazelcast, DEPLOYMENT).getMap(HazelcastRoutingState.DEPLOYMENTS_MAP);
        window = RoutingState.windowOf(System.currentTimeMillis());
    }

    @TearDown
    public void tearDown() {
        hazelcast.forEach(HazelcastInstance::shutdown);
    }

    @Benchmark
    public UsageSnapshot push() {
        UsageDelta delta = new UsageDelta();
        delta.window = window;
        long now = System.currentTimeMillis();
        for (int i = 0; i < CALLS_PER_TICK; i++) {
            delta.requests++;
            delta.tokens += 120;
            delta.successes++;
            delta.latency(0.002 + i * 1e-5, now);
        }
        return deployments
                .submitToKey(DEPLOYMENT, new ApplyDeltaProcessor(delta, window))
                .toCompletableFuture()
                .join();
    }
}
