package dev.junction.cluster.bus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SameLoopHandlersTest {
    private static final String ADDRESS = "test.same-loop";
    private static final Duration BUDGET = Duration.ofSeconds(5);

    private Vertx vertx;
    private final AtomicReference<Thread> handlerThread = new AtomicReference<>();
    private final AtomicReference<Context> handlerContext = new AtomicReference<>();

    @BeforeEach
    void startOneEventLoop() {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    }

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Serves ADDRESS from a context of its own, as a verticle does; completes with that context. */
    private Context serve(java.util.function.Function<String, Future<?>> handler) throws Exception {
        Context consumerContext = vertx.getOrCreateContext();
        CompletableFuture<MessageConsumer<String>> registered = new CompletableFuture<>();
        consumerContext.runOnContext(v -> {
            MessageConsumer<String> consumer = BusContract.serve(vertx, ADDRESS, body -> {
                handlerThread.set(Thread.currentThread());
                handlerContext.set(Vertx.currentContext());
                return handler.apply(body);
            });
            consumer.completion().onSuccess(done -> registered.complete(consumer));
        });
        registered.get(5, TimeUnit.SECONDS);
        return consumerContext;
    }

    private <T> T onOtherContext(java.util.function.Function<Context, Future<T>> call) throws Exception {
        Context caller = vertx.getOrCreateContext();
        CompletableFuture<T> result = new CompletableFuture<>();
        caller.runOnContext(v -> call.apply(caller).onComplete((value, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(value);
            }
        }));
        return result.get(5, TimeUnit.SECONDS);
    }

    @Test
    void a_request_from_the_same_loop_runs_at_once_in_the_consumers_context_and_answers_in_the_callers()
            throws Exception {
        Context consumerContext = serve(body -> Future.succeededFuture(body + " pong"));
        AtomicReference<Boolean> ranBeforeReturn = new AtomicReference<>();
        AtomicReference<Context> replyContext = new AtomicReference<>();

        Context[] callerContext = new Context[1];
        String reply = onOtherContext(caller -> {
            callerContext[0] = caller;
            Future<String> answer = BusContract.request(vertx.eventBus(), ADDRESS, "ping", BUDGET, String.class);
            ranBeforeReturn.set(handlerThread.get() != null);
            return answer.onSuccess(value -> replyContext.set(Vertx.currentContext()));
        });

        assertThat(reply).isEqualTo("ping pong");
        assertThat(ranBeforeReturn.get()).isTrue();
        assertThat(handlerContext.get()).isSameAs(consumerContext);
        assertThat(replyContext.get()).isSameAs(callerContext[0]);
    }

    @Test
    void a_failure_comes_back_as_the_same_gateway_error_as_through_the_bus() throws Exception {
        serve(body -> Future.failedFuture(GatewayException.of(ErrorKind.RATE_LIMITED, "slow down")));

        Throwable failure =
                onOtherContext(caller -> BusContract.request(vertx.eventBus(), ADDRESS, "ping", BUDGET, String.class)
                        .<Throwable>map(value -> null)
                        .otherwise(error -> error));

        assertThat(failure).isInstanceOf(GatewayException.class);
        assertThat(((GatewayException) failure).kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    }

    @Test
    void a_handler_that_throws_fails_the_request_rather_than_leaving_it_waiting() throws Exception {
        serve(body -> {
            throw new IllegalStateException("bug");
        });

        Throwable failure =
                onOtherContext(caller -> BusContract.request(vertx.eventBus(), ADDRESS, "ping", BUDGET, String.class)
                        .<Throwable>map(value -> null)
                        .otherwise(error -> error));

        assertThat(failure).isInstanceOf(GatewayException.class);
    }

    @Test
    void a_request_from_outside_the_event_loop_still_goes_through_the_bus() throws Exception {
        serve(body -> Future.succeededFuture(body + " pong"));

        String reply = BusContract.request(vertx.eventBus(), ADDRESS, "ping", BUDGET, String.class)
                .toCompletionStage()
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS);

        assertThat(reply).isEqualTo("ping pong");
        assertThat(handlerThread.get()).isNotEqualTo(Thread.currentThread());
    }
}
