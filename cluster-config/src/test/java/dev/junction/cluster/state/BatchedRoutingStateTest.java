package dev.junction.cluster.state;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.junction.cluster.node.LoopbackMembers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The batched state on two real members: local decisions, cluster totals within the stated bound. */
class BatchedRoutingStateTest {
    private static final Duration SYNC = Duration.ofMillis(10);
    private static Vertx vertx;
    private static HazelcastInstance first;
    private static HazelcastInstance second;
    private static BatchedRoutingState nodeA;
    private static BatchedRoutingState nodeB;
    private static BatchedRoutingState nodeC;

    @BeforeAll
    static void start() {
        List<HazelcastInstance> members = LoopbackMembers.start("batched-test", 2);
        first = members.get(0);
        second = members.get(1);
        awaitClusterSafe();
        vertx = Vertx.vertx();
        nodeA = batched(first);
        nodeB = batched(second);
        nodeC = batched(second);
    }

    /** A freshly formed cluster migrates partitions for a while; measuring during that measures the migration. */
    private static void awaitClusterSafe() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!first.getPartitionService().isClusterSafe() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    private static BatchedRoutingState batched(HazelcastInstance member) {
        return new BatchedRoutingState(
                vertx, member, new HazelcastRoutingState(vertx, member, Clock.systemUTC()), Clock.systemUTC(), SYNC);
    }

    @AfterAll
    static void stop() throws Exception {
        nodeA.close();
        nodeB.close();
        nodeC.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        second.shutdown();
        first.shutdown();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void an_admission_is_decided_without_waiting_for_the_cluster() {
        Future<Admission> admission = nodeA.admit("instant-" + UUID.randomUUID(), 10, Long.MAX_VALUE, 0);

        assertThat(admission.isComplete()).isTrue();
        assertThat(admission.result().admitted()).isTrue();
    }

    @Test
    void three_nodes_under_steady_load_stay_within_the_limit_plus_rate_times_interval() throws Exception {
        MinuteBoundary.awaitRoom(Duration.ofSeconds(15));
        String id = "steady-" + UUID.randomUUID();
        long limit = 50;
        AtomicInteger admitted = new AtomicInteger();
        List<BatchedRoutingState> nodes = List.of(nodeA, nodeB, nodeC);
        // 3 nodes x one request every 3 ms: up to 1000 requests/s for the cluster.
        long started = System.nanoTime();
        int attempts = 0;
        for (int round = 0; round < 300; round++) {
            for (BatchedRoutingState node : nodes) {
                attempts++;
                if (await(node.admit(id, limit, Long.MAX_VALUE, 0)).admitted()) {
                    admitted.incrementAndGet();
                }
            }
            Thread.sleep(3);
        }
        double rate = attempts / ((System.nanoTime() - started) / 1e9);
        Thread.sleep(100);

        // The documented bound: rate x (sync interval + a cluster round trip), the round trip taken
        // generously as 240 ms so that a loaded CI machine does not fail a correct implementation.
        int bound = (int) limit + (int) Math.ceil(rate * 0.25) + 3;
        assertThat(admitted.get()).isBetween((int) limit, bound);
        long clusterCount = await(nodeB.snapshot(List.of(id))).get(id).requests();
        assertThat(clusterCount).isEqualTo(admitted.get());
    }

    @Test
    void usage_and_outcomes_reach_the_other_nodes() throws Exception {
        MinuteBoundary.awaitRoom(Duration.ofSeconds(15));
        String id = "shared-" + UUID.randomUUID();
        Admission admission = await(nodeA.admit(id, Long.MAX_VALUE, Long.MAX_VALUE, 100));
        await(nodeA.complete(
                id,
                new CallOutcome(
                        true,
                        admission.usage().window(),
                        20,
                        false,
                        true,
                        null,
                        null,
                        10,
                        System.currentTimeMillis(),
                        5000)));

        // A few intervals normally; the deadline is generous for a loaded CI machine.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        UsageSnapshot seen = UsageSnapshot.EMPTY;
        while (System.nanoTime() < deadline) {
            seen = await(nodeC.snapshot(List.of(id))).get(id);
            if (seen.failures() == 1) {
                break;
            }
            Thread.sleep(5);
        }
        assertThat(seen.requests()).isEqualTo(1);
        assertThat(seen.tokens()).isEqualTo(120);
        assertThat(seen.failures()).isEqualTo(1);
        assertThat(seen.inFlight()).isZero();
    }

    @Test
    void flush_pushes_what_is_left() throws Exception {
        MinuteBoundary.awaitRoom(Duration.ofSeconds(5));
        String id = "flush-" + UUID.randomUUID();
        BatchedRoutingState slow = new BatchedRoutingState(
                vertx,
                first,
                new HazelcastRoutingState(vertx, first, Clock.systemUTC()),
                Clock.systemUTC(),
                Duration.ofHours(1));
        await(slow.admit(id, Long.MAX_VALUE, Long.MAX_VALUE, 0));

        slow.flush();

        HazelcastRoutingState strict = new HazelcastRoutingState(vertx, second, Clock.systemUTC());
        assertThat(await(strict.snapshot(List.of(id))).get(id).requests()).isEqualTo(1);
    }

    @Test
    void a_view_unused_for_two_minutes_is_forgotten_and_a_later_use_brings_it_back() throws Exception {
        ManualClock clock = new ManualClock();
        BatchedRoutingState state =
                new BatchedRoutingState(vertx, first, new HazelcastRoutingState(vertx, first, clock), clock, SYNC);
        try {
            String key = "key:forgotten-" + UUID.randomUUID();
            assertThat(await(state.admit(key, 10, Long.MAX_VALUE, 0)).admitted())
                    .isTrue();
            assertThat(state.viewCount()).isEqualTo(1);
            Thread.sleep(10 * SYNC.toMillis());

            // Idle but used within two minutes: kept and refreshed.
            assertThat(state.viewCount()).isEqualTo(1);

            clock.advance(Duration.ofSeconds(121));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (state.viewCount() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(SYNC.toMillis());
            }
            assertThat(state.viewCount()).isZero();
            assertThat(await(state.admit(key, 10, Long.MAX_VALUE, 0)).admitted())
                    .isTrue();
            assertThat(state.viewCount()).isEqualTo(1);
        } finally {
            state.close();
        }
    }

    @Test
    void the_first_call_after_minutes_of_quiet_does_not_take_a_healthy_cluster_for_silent() throws Exception {
        ManualClock clock = new ManualClock();
        Logger logger = (Logger) LoggerFactory.getLogger(BatchedRoutingState.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        BatchedRoutingState state =
                new BatchedRoutingState(vertx, first, new HazelcastRoutingState(vertx, first, clock), clock, SYNC);
        try {
            Thread.sleep(5 * SYNC.toMillis());
            clock.advance(Duration.ofMinutes(4));
            Thread.sleep(5 * SYNC.toMillis());

            String key = "key:after-quiet-" + UUID.randomUUID();
            assertThat(await(state.admit(key, 10, Long.MAX_VALUE, 0)).admitted())
                    .isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            IMap<String, DeploymentCounters> shared = second.getMap(HazelcastRoutingState.DEPLOYMENTS_MAP);
            while (shared.get(key) == null && System.nanoTime() < deadline) {
                Thread.sleep(SYNC.toMillis());
            }
            Thread.sleep(5 * SYNC.toMillis());

            assertThat(logged.list)
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .noneMatch(message -> message.startsWith("No answer from the cluster"));
        } finally {
            logger.detachAppender(logged);
            state.close();
        }
    }
}
