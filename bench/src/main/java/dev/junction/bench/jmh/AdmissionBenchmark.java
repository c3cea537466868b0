package dev.junction.bench.jmh;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.junction.cluster.node.ClusterSettings;
import dev.junction.cluster.node.HazelcastConfigFactory;
import dev.junction.cluster.state.Admission;
import dev.junction.cluster.state.HazelcastRoutingState;
import dev.junction.cluster.state.UsageSnapshot;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cluster-state calls the router makes on every attempt, on a one-member Hazelcast instance: the
 * usage snapshot of the candidates and the atomic admission (an entry processor on the partition owner).
 * Each call is awaited, so the score is the latency of one call as the router sees it, hand-offs included.
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

    private HazelcastInstance hazelcast;
    private Vertx vertx;
    private HazelcastRoutingState state;

    @Setup
    public void setUp() {
        hazelcast = Hazelcast.newHazelcastInstance(HazelcastConfigFactory.build(
                new ClusterSettings("junction-jmh-" + UUID.randomUUID(), null, List.of())));
        vertx = Vertx.vertx();
        state = new HazelcastRoutingState(vertx, hazelcast, Clock.systemUTC());
    }

    @TearDown
    public void tearDown() {
        vertx.close().await();
        hazelcast.shutdown();
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
