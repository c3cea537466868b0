package dev.junction.cluster.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.junction.cluster.node.ClusterSettings;
import dev.junction.cluster.node.HazelcastConfigFactory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The routing state on two real Hazelcast members: atomic admission, and cooldowns seen by both. */
class HazelcastRoutingStateTest {
    private static Vertx vertx;
    private static HazelcastInstance first;
    private static HazelcastInstance second;
    private static HazelcastRoutingState onFirst;
    private static HazelcastRoutingState onSecond;

    @BeforeAll
    static void startTwoMembers() throws IOException {
        String cluster = "state-test-" + UUID.randomUUID();
        // Explicit free ports: the default member list only probes 5701-5703, which other clusters may hold.
        int firstPort = freePort();
        int secondPort = freePort();
        List<String> members = List.of("127.0.0.1:" + firstPort, "127.0.0.1:" + secondPort);
        first = Hazelcast.newHazelcastInstance(
                HazelcastConfigFactory.build(new ClusterSettings(cluster, firstPort, members)));
        second = Hazelcast.newHazelcastInstance(
                HazelcastConfigFactory.build(new ClusterSettings(cluster, secondPort, members)));
        vertx = Vertx.vertx();
        onFirst = new HazelcastRoutingState(vertx, first, Clock.systemUTC());
        onSecond = new HazelcastRoutingState(vertx, second, Clock.systemUTC());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        await(vertx.close());
        second.shutdown();
        first.shutdown();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void concurrent_admissions_from_two_members_never_exceed_the_rpm_limit() throws Exception {
        MinuteBoundary.awaitRoom(Duration.ofSeconds(10));
        String id = "deployment-" + UUID.randomUUID();
        List<Future<Admission>> attempts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            HazelcastRoutingState state = i % 2 == 0 ? onFirst : onSecond;
            attempts.add(state.admit(id, 20, Long.MAX_VALUE, 0));
        }
        await(Future.all(attempts));

        long admitted = attempts.stream().filter(f -> f.result().admitted()).count();
        assertThat(admitted).isEqualTo(20);
        assertThat(await(onSecond.snapshot(List.of(id))).get(id).requests()).isEqualTo(20);
    }

    @Test
    void token_limit_counts_the_estimate_and_settles_with_reported_usage() throws Exception {
        MinuteBoundary.awaitRoom(Duration.ofSeconds(10));
        String id = "deployment-" + UUID.randomUUID();
        Admission admission = await(onFirst.admit(id, Long.MAX_VALUE, 1000, 600));
        assertThat(admission.admitted()).isTrue();
        assertThat(await(onSecond.admit(id, Long.MAX_VALUE, 1000, 600)).admitted())
                .isFalse();

        await(onFirst.complete(
                id,
                new CallOutcome(
                        true,
                        admission.usage().window(),
                        -500,
                        true,
                        true,
                        0.2,
                        null,
                        10,
                        System.currentTimeMillis(),
                        5000)));

        Admission afterSettling = await(onSecond.admit(id, Long.MAX_VALUE, 1000, 600));
        assertThat(afterSettling.admitted()).isTrue();
        Map<String, UsageSnapshot> usage = await(onFirst.snapshot(List.of(id)));
        assertThat(usage.get(id).tokens()).isEqualTo(700);
        assertThat(usage.get(id).inFlight()).isEqualTo(1);
        assertThat(usage.get(id).successes()).isEqualTo(1);
        assertThat(usage.get(id).latencies()).containsExactly(0.2);
    }

    @Test
    void a_cooldown_set_on_one_member_is_a_local_read_on_the_other_within_a_second() throws Exception {
        String id = "deployment-" + UUID.randomUUID();
        await(onFirst.coolDown(id, Duration.ofSeconds(5), "429"));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (!onSecond.isCoolingDown(id) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(onSecond.isCoolingDown(id)).isTrue();
        assertThat(onSecond.cooldownRemaining(id).orElseThrow()).isLessThanOrEqualTo(Duration.ofSeconds(5));
        assertThat(onFirst.isCoolingDown(id)).isTrue();
    }

    @Test
    void a_cooldown_ends_by_itself() throws Exception {
        String id = "deployment-" + UUID.randomUUID();
        await(onFirst.coolDown(id, Duration.ofMillis(300), "500"));
        assertThat(onFirst.isCoolingDown(id)).isTrue();

        Thread.sleep(400);

        assertThat(onFirst.isCoolingDown(id)).isFalse();
        assertThat(onSecond.isCoolingDown(id)).isFalse();
    }

    @Test
    void latency_samples_keep_the_most_recent_ones() throws Exception {
        String id = "deployment-" + UUID.randomUUID();
        for (int i = 1; i <= 5; i++) {
            await(onFirst.complete(
                    id,
                    new CallOutcome(false, 0, 0, true, true, (double) i, null, 3, System.currentTimeMillis(), 5000)));
        }

        assertThat(await(onSecond.snapshot(List.of(id))).get(id).latencies()).containsExactly(3.0, 4.0, 5.0);
    }
}
