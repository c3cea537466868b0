package dev.junction.cluster.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A cluster state that hangs or fails must not hang or fail the request: the node decides alone. */
class FailOpenRoutingStateTest {
    private static final Duration TIMEOUT = Duration.ofMillis(200);

    /** A cluster whose every call answers with {@code answer}: a future that never completes, or a failure. */
    private record Unhealthy(Future<?> answer) implements RoutingState {
        @SuppressWarnings("unchecked")
        private <T> Future<T> reply() {
            return (Future<T>) answer;
        }

        @Override
        public Future<Admission> admit(String deploymentId, long rpmLimit, long tpmLimit, long tokens) {
            return reply();
        }

        @Override
        public Future<UsageSnapshot> complete(String deploymentId, CallOutcome outcome) {
            return reply();
        }

        @Override
        public Future<Map<String, UsageSnapshot>> snapshot(Collection<String> deploymentIds) {
            return reply();
        }

        @Override
        public Future<Void> coolDown(String deploymentId, Duration duration, String reason) {
            return reply();
        }

        @Override
        public Optional<Duration> cooldownRemaining(String deploymentId) {
            return Optional.empty();
        }
    }

    private static FailOpenRoutingState over(RoutingState cluster) {
        return new FailOpenRoutingState(cluster, new LocalRoutingState(Clock.systemUTC()), TIMEOUT);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void a_cluster_that_never_answers_is_given_up_after_the_timeout_and_the_call_admitted_locally() throws Exception {
        FailOpenRoutingState state = over(new Unhealthy(Promise.promise().future()));

        long started = System.nanoTime();
        Admission admission = await(state.admit("d1", 10, Long.MAX_VALUE, 0));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(admission.admitted()).isTrue();
        assertThat(admission.usage().requests()).isEqualTo(1);
        assertThat(tookMillis).isBetween(TIMEOUT.toMillis() - 20, TIMEOUT.toMillis() + 2000);
    }

    @Test
    void while_the_cluster_fails_the_node_still_enforces_limits_on_its_own_traffic() throws Exception {
        FailOpenRoutingState state = over(new Unhealthy(Future.failedFuture(new IllegalStateException("down"))));

        assertThat(await(state.admit("d1", 2, Long.MAX_VALUE, 0)).admitted()).isTrue();
        assertThat(await(state.admit("d1", 2, Long.MAX_VALUE, 0)).admitted()).isTrue();
        assertThat(await(state.admit("d1", 2, Long.MAX_VALUE, 0)).admitted()).isFalse();
        assertThat(await(state.snapshot(List.of("d1", "d2"))).get("d1").requests())
                .isEqualTo(2);
    }

    @Test
    void outcomes_and_cooldowns_are_kept_locally_while_the_cluster_fails() throws Exception {
        FailOpenRoutingState state = over(new Unhealthy(Future.failedFuture(new IllegalStateException("down"))));
        Admission admission = await(state.admit("d1", 10, Long.MAX_VALUE, 0));

        UsageSnapshot after = await(state.complete(
                "d1",
                new CallOutcome(
                        true, admission.usage().window(), 0, false, null, null, 5, System.currentTimeMillis(), 5000)));
        await(state.coolDown("d1", Duration.ofSeconds(5), "RATE_LIMITED"));

        assertThat(after.failures()).isEqualTo(1);
        assertThat(after.inFlight()).isZero();
        assertThat(state.isCoolingDown("d1")).isTrue();
    }

    @Test
    void a_healthy_cluster_answers_every_call() throws Exception {
        LocalRoutingState cluster = new LocalRoutingState(Clock.systemUTC());
        FailOpenRoutingState state = over(cluster);

        await(state.admit("d1", 10, Long.MAX_VALUE, 0));
        await(state.coolDown("d2", Duration.ofSeconds(5), "RATE_LIMITED"));

        assertThat(await(cluster.snapshot(List.of("d1"))).get("d1").requests()).isEqualTo(1);
        assertThat(cluster.isCoolingDown("d2")).isTrue();
        assertThat(state.isCoolingDown("d2")).isTrue();
    }
}
