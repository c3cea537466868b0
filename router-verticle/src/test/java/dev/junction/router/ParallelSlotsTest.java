package dev.junction.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ParallelSlotsTest {
    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void a_call_beyond_the_limit_waits_for_a_slot_instead_of_failing() throws Exception {
        ParallelSlots slots = new ParallelSlots(vertx);
        Runnable first = await(slots.acquire("d", 1, Duration.ofSeconds(5)));
        Future<Runnable> second = slots.acquire("d", 1, Duration.ofSeconds(5));

        Thread.sleep(100);
        assertThat(second.isComplete()).isFalse();
        first.run();

        assertThat(await(second)).isNotNull();
    }

    @Test
    void a_waiting_call_times_out_with_408_and_leaves_the_queue() throws Exception {
        ParallelSlots slots = new ParallelSlots(vertx);
        Runnable held = await(slots.acquire("e", 1, Duration.ofSeconds(5)));

        Future<Runnable> waiting = slots.acquire("e", 1, Duration.ofMillis(100));
        Throwable failure = waiting.toCompletionStage()
                .toCompletableFuture()
                .handle((ok, error) -> error)
                .get(5, TimeUnit.SECONDS);

        assertThat(failure).isInstanceOfSatisfying(GatewayException.class, error -> assertThat(error.kind())
                .isEqualTo(ErrorKind.TIMEOUT));
        held.run();
        assertThat(await(slots.acquire("e", 1, Duration.ofSeconds(1))))
                .as("the slot is free again")
                .isNotNull();
    }

    @Test
    void no_limit_never_waits() throws Exception {
        ParallelSlots slots = new ParallelSlots(vertx);
        for (int i = 0; i < 100; i++) {
            await(slots.acquire("f", 0, Duration.ofMillis(1)));
        }
    }
}
