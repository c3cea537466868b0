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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A cluster state that hangs or fails must not hang or fail the request: the node decides alone for a while. */
class FailOpenRoutingStateTest {
    private static final Duration TIMEOUT = Duration.ofMillis(200);
    private static final Duration LOCAL_PERIOD = Duration.ofMillis(500);

    /**
     * A cluster that answers like a healthy one until {@link #fail} is set, then with {@code failure}: a future
     * that never completes, or a failed one. Counts the calls it gets.
     */
    private static final class Cluster implements RoutingState {
        private final LocalRoutingState healthy = new LocalRoutingState(Clock.systemUTC());
        final AtomicInteger calls = new AtomicInteger();
        volatile Future<?> fail;

        @SuppressWarnings("unchecked")
        private <T> Future<T> answer(Supplier<Future<T>> ifHealthy) {
            calls.incrementAndGet();
            return fail == null ? ifHealthy.get() : (Future<T>) fail;
        }

        @Override
        public Future<Admission> admit(String deploymentId, long rpmLimit, long tpmLimit, long tokens) {
            return answer(() -> healthy.admit(deploymentId, rpmLimit, tpmLimit, tokens));
        }

        @Override
        public Future<UsageSnapshot> complete(String deploymentId, CallOutcome outcome) {
            return answer(() -> healthy.complete(deploymentId, outcome));
        }

        @Override
        public Future<Map<String, UsageSnapshot>> snapshot(Collection<String> deploymentIds) {
            return answer(() -> healthy.snapshot(deploymentIds));
        }

        @Override
        public Future<Void> coolDown(String deploymentId, Duration duration, String reason) {
            return answer(() -> healthy.coolDown(deploymentId, duration, reason));
        }

        @Override
        public Optional<Duration> cooldownRemaining(String deploymentId) {
            return healthy.cooldownRemaining(deploymentId);
        }
    }

    private final Cluster cluster = new Cluster();
    private final FailOpenRoutingState state =
            new FailOpenRoutingState(cluster, new LocalRoutingState(Clock.systemUTC()), TIMEOUT, LOCAL_PERIOD);

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static CallOutcome failedCall(Admission admission) {
        return new CallOutcome(
                true, admission.usage().window(), 0, false, true, null, null, 5, System.currentTimeMillis(), 5000);
    }

    @Test
    void a_cluster_that_never_answers_is_given_up_after_the_timeout_and_the_call_admitted_locally() throws Exception {
        cluster.fail = Promise.promise().future();

        long started = System.nanoTime();
        Admission admission = await(state.admit("d1", 10, Long.MAX_VALUE, 0));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(admission.admitted()).isTrue();
        assertThat(admission.usage().requests()).isEqualTo(1);
        assertThat(tookMillis).isBetween(TIMEOUT.toMillis() - 20, TIMEOUT.toMillis() + 2000);
    }

    @Test
    void after_a_failure_the_deployment_is_decided_locally_for_a_while_then_the_cluster_is_tried_again()
            throws Exception {
        cluster.fail = Promise.promise().future();
        await(state.admit("d1", 10, Long.MAX_VALUE, 0));
        int callsAfterTimeout = cluster.calls.get();

        long started = System.nanoTime();
        await(state.snapshot(List.of("d1")));
        await(state.admit("d1", 10, Long.MAX_VALUE, 0));
        long localMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(cluster.calls.get())
                .as("no cluster call within the local period")
                .isEqualTo(callsAfterTimeout);
        assertThat(localMillis).isLessThan(TIMEOUT.toMillis());

        await(state.admit("d2", 10, Long.MAX_VALUE, 0));
        assertThat(cluster.calls.get())
                .as("other deployments still ask the cluster")
                .isEqualTo(callsAfterTimeout + 1);

        cluster.fail = null;
        Thread.sleep(LOCAL_PERIOD.toMillis() + 50);
        Admission again = await(state.admit("d1", 10, Long.MAX_VALUE, 0));
        assertThat(cluster.calls.get()).isEqualTo(callsAfterTimeout + 2);
        assertThat(again.usage().requests())
                .as("counted by the healthy cluster")
                .isEqualTo(1);
    }

    @Test
    void while_the_cluster_fails_the_node_still_enforces_limits_on_its_own_traffic() throws Exception {
        cluster.fail = Future.failedFuture(new IllegalStateException("down"));

        assertThat(await(state.admit("d1", 2, Long.MAX_VALUE, 0)).admitted()).isTrue();
        assertThat(await(state.admit("d1", 2, Long.MAX_VALUE, 0)).admitted()).isTrue();
        assertThat(await(state.admit("d1", 2, Long.MAX_VALUE, 0)).admitted()).isFalse();
        assertThat(await(state.snapshot(List.of("d1", "d2"))).get("d1").requests())
                .isEqualTo(2);
    }

    @Test
    void outcomes_and_cooldowns_are_kept_locally_while_the_cluster_fails() throws Exception {
        cluster.fail = Future.failedFuture(new IllegalStateException("down"));
        Admission admission = await(state.admit("d1", 10, Long.MAX_VALUE, 0));

        UsageSnapshot after = await(state.complete("d1", failedCall(admission)));
        await(state.coolDown("d1", Duration.ofSeconds(5), "RATE_LIMITED"));

        assertThat(after.failures()).isEqualTo(1);
        assertThat(after.inFlight()).isZero();
        assertThat(state.isCoolingDown("d1")).isTrue();
    }

    @Test
    void a_healthy_cluster_answers_every_call() throws Exception {
        await(state.admit("d1", 10, Long.MAX_VALUE, 0));
        await(state.coolDown("d2", Duration.ofSeconds(5), "RATE_LIMITED"));

        assertThat(await(cluster.healthy.snapshot(List.of("d1"))).get("d1").requests())
                .isEqualTo(1);
        assertThat(cluster.healthy.isCoolingDown("d2")).isTrue();
        assertThat(state.isCoolingDown("d2")).isTrue();
        assertThat(cluster.calls.get()).isEqualTo(2);
    }
}
