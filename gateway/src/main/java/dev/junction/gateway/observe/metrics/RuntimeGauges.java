package dev.junction.gateway.observe.metrics;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.Partition;
import dev.junction.cluster.node.ClusterView;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The node's own gauges: the JVM (memory, GC, threads, CPU), the lag of each Vert.x event loop, and the
 * Hazelcast member's view of the cluster (members, partitions, whether a member's loss would lose state).
 */
final class RuntimeGauges implements AutoCloseable {
    /** How often each event loop is asked to run a probe; its lateness is the loop's lag. */
    private static final long PROBE_MILLIS = 500;

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<ScheduledFuture<?>> probes = new ArrayList<>();

    RuntimeGauges(MeterRegistry registry, EventLoopGroup eventLoops, HazelcastInstance hazelcast, ClusterView cluster) {
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        closeables.add(gc);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        eventLoopLag(registry, eventLoops);
        hazelcast(registry, hazelcast, cluster);
    }

    /**
     * Each event loop runs a probe {@link #PROBE_MILLIS} after the last; how late it ran is how long work queued on that
     * loop waits behind what the loop is busy with.
     */
    private void eventLoopLag(MeterRegistry registry, EventLoopGroup eventLoops) {
        int index = 0;
        for (EventExecutor loop : eventLoops) {
            AtomicLong lagNanos = new AtomicLong();
            long period = TimeUnit.MILLISECONDS.toNanos(PROBE_MILLIS);
            AtomicLong expected = new AtomicLong(System.nanoTime() + period);
            // With a fixed delay the next run is due one period after this one ends, which is now.
            probes.add(loop.scheduleWithFixedDelay(
                    () -> {
                        long now = System.nanoTime();
                        lagNanos.set(Math.max(0, now - expected.getAndSet(now + period)));
                    },
                    PROBE_MILLIS,
                    PROBE_MILLIS,
                    TimeUnit.MILLISECONDS));
            Gauge.builder("junction_event_loop_lag_seconds", lagNanos, lag -> lag.get() / 1e9)
                    .description("How late the last probe ran on this Vert.x event loop")
                    .tag("event_loop", Integer.toString(index++))
                    .register(registry);
        }
    }

    private static void hazelcast(MeterRegistry registry, HazelcastInstance hazelcast, ClusterView cluster) {
        Gauge.builder("junction_cluster_members", cluster, ClusterView::memberCount)
                .description("Members of the Hazelcast cluster this node sees")
                .register(registry);
        Gauge.builder("junction_cluster_safe", cluster, view -> view.isSafe() ? 1 : 0)
                .description("1 when no partition is migrating and every backup is in sync (as of the last check)")
                .register(registry);
        Gauge.builder("junction_cluster_partitions", hazelcast, instance -> instance.getPartitionService()
                        .getPartitions()
                        .size())
                .description("Partitions of the cluster's maps")
                .register(registry);
        Gauge.builder("junction_cluster_partitions_owned", hazelcast, RuntimeGauges::ownedPartitions)
                .description("Partitions whose primary copy this member holds")
                .register(registry);
    }

    private static double ownedPartitions(HazelcastInstance hazelcast) {
        var local = hazelcast.getCluster().getLocalMember();
        int owned = 0;
        for (Partition partition : hazelcast.getPartitionService().getPartitions()) {
            if (local.equals(partition.getOwner())) {
                owned++;
            }
        }
        return owned;
    }

    @Override
    public void close() {
        probes.forEach(probe -> probe.cancel(false));
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // closing a metrics binder on shutdown: nothing to do about a failure
            }
        }
    }
}
