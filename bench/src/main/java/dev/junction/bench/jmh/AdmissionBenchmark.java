package dev.junction.bench.jmh;

import com.hazelcast.core.HazelcastInstance;
import dev.junction.cluster.state.Admission;
import dev.junction.cluster.state.BatchedRoutingState;
import dev.junction.cluster.state.HazelcastRoutingState;
import dev.junction.cluster.state.RoutingState;
import dev.junction.cluster.state.UsageSnapshot;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * The cluster-state calls the router makes on every attempt: the usage snapshot of the candidates and the
 * admission, in both accuracy modes: {@code strict} (an atomic entry processor on the partition owner) and
 * {@code batched} (a decision on the node's local view, synced every 10 ms in the background), on one member
 * or on a member of three that does not own the deployment. Each call is awaited, so the score is the latency
 * of one call as the router sees it, hand-offs included.
 *
 * <p>Runs with the JVM's defaults. On a machine with 2 cores the common fork-join pool has parallelism 1,
 * and Hazelcast then completes futures on a new thread per completion; {@link AdmissionCommonPoolBenchmark}
 * measures the same calls with a common pool of 2, to show what that costs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {
            "--add-modules",
            "java.se",
            "--add-exports",
            "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens",
            "java.base/java.lang=ALL-UNNAMED",
            "--add-opens",
            "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens",
            "java.management/sun.management=ALL-UNNAMED",
            "--add-opens",
            "jdk.management/com.sun.management.internal=ALL-UNNAMED"
        })
public class AdmissionBenchmark {
    private static final String DEPLOYMENT = "bench-deployment";

    /** {@code strict}: one atomic cluster call per admission; {@code batched} (the default): a local decision. */
    @Param({"strict", "batched"})
    public String accuracy;

    /**
     * Members in the benchmark's JVM. With 3, the state runs on a member that does not own the deployment's
     * partition, so a strict call crosses loopback as it would between nodes; with 1 it stays in memory.
     */
    @Param({"1", "3"})
    public int members;

    private final List<HazelcastInstance> hazelcast = new ArrayList<>();
    private Vertx vertx;
    private RoutingState state;

    @Setup
    public void setUp() {
        hazelcast.addAll(JmhMembers.start(members));
        HazelcastInstance member = JmhMembers.notOwning(hazelcast, DEPLOYMENT);
        vertx = Vertx.vertx();
        HazelcastRoutingState strict = new HazelcastRoutingState(vertx, member, Clock.systemUTC());
        state = "strict".equals(accuracy)
                ? strict
                : new BatchedRoutingState(vertx, member, strict, Clock.systemUTC(), Duration.ofMillis(10));
    }

    @TearDown
    public void tearDown() {
        if (state instanceof BatchedRoutingState batched) {
            batched.close();
        }
        vertx.close().await();
        hazelcast.forEach(HazelcastInstance::shutdown);
    }

    @Benchmark
    public Admission admit() {
        return state.admit(DEPLOYMENT, Long.MAX_VALUE, Long.MAX_VALUE, 120).await();
    }

    @Benchmark
    public Map<String, UsageSnapshot> snapshot() {
        return state.snapshot(List.of(DEPLOYMENT)).await();
    }
}
