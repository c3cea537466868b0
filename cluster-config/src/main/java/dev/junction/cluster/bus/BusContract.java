package dev.junction.cluster.bus;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * The event-bus contract between Junction's verticles: the codecs of its message types, how a request is
 * sent and how a reply (or a failure) comes back. Registered once per Vert.x instance at start-up.
 */
public final class BusContract {
    /**
     * Replies are awaited this much longer than the call's own timeout: the callee enforces the real timeout
     * and answers with a typed error, so the bus timeout only guards against a callee that never answers.
     */
    private static final Duration SAFETY_MARGIN = Duration.ofSeconds(10);

    private static final List<Class<?>> LOCAL_TYPES = List.of(
            LlmRequest.class,
            ProviderCall.class,
            ProviderReply.Complete.class,
            ProviderReply.Streaming.class,
            RoutedReply.class,
            GatewayException.class);

    private BusContract() {}

    public static void registerCodecs(Vertx vertx) {
        EventBus bus = vertx.eventBus();
        for (Class<?> type : LOCAL_TYPES) {
            register(bus, type);
        }
    }

    private static <T> void register(EventBus bus, Class<T> type) {
        bus.registerDefaultCodec(type, new LocalOnlyCodec<>(type));
    }

    /**
     * Serves {@code address} on this node with {@code handler}, whose future's value (or failure, as a gateway
     * error) is the reply. Call it on the verticle's event loop: a request sent from that same loop is then
     * handed to this handler directly (see {@link SameLoopHandlers}), anything else comes through the bus.
     */
    public static <T> MessageConsumer<T> serve(Vertx vertx, String address, Function<T, Future<?>> handler) {
        MessageConsumer<T> consumer = vertx.eventBus().localConsumer(address);
        consumer.handler(message -> reply(message, handler.apply(message.body())));
        SameLoopHandlers.register(address, consumer, handler);
        return consumer;
    }

    /**
     * Sends {@code message} to a local consumer and completes with its typed reply or its typed failure. A
     * consumer registered with {@link #serve} on the calling event loop gets it directly.
     */
    public static <T> Future<T> request(
            EventBus bus, String address, Object message, Duration callBudget, Class<T> replyType) {
        Future<Object> sameLoop = SameLoopHandlers.deliver(address, message);
        if (sameLoop != null) {
            return sameLoop.transform(done -> done.succeeded()
                    ? unwrap(done.result(), replyType)
                    : Future.failedFuture(GatewayException.from(done.cause())));
        }
        DeliveryOptions options = new DeliveryOptions()
                .setLocalOnly(true)
                .setSendTimeout(callBudget.plus(SAFETY_MARGIN).toMillis());
        return bus.request(address, message, options)
                .recover(failure -> Future.failedFuture(translate(failure, address)))
                .compose(reply -> unwrap(reply.body(), replyType));
    }

    /** Answers {@code message} with the outcome of {@code result}: its value, or its failure as a gateway error. */
    public static void reply(Message<?> message, Future<?> result) {
        result.onComplete(value -> message.reply(value), failure -> message.reply(GatewayException.from(failure)));
    }

    private static <T> Future<T> unwrap(Object body, Class<T> replyType) {
        if (body instanceof GatewayException failure) {
            return Future.failedFuture(failure);
        }
        if (replyType.isInstance(body)) {
            return Future.succeededFuture(replyType.cast(body));
        }
        return Future.failedFuture(GatewayException.of(ErrorKind.INTERNAL, "Unexpected reply on the event bus"));
    }

    private static GatewayException translate(Throwable failure, String address) {
        if (failure instanceof ReplyException reply) {
            if (reply.failureType() == ReplyFailure.TIMEOUT) {
                return GatewayException.of(ErrorKind.TIMEOUT, "No answer from " + address + " in time");
            }
            if (reply.failureType() == ReplyFailure.NO_HANDLERS) {
                return GatewayException.of(ErrorKind.INTERNAL, "Nothing serves " + address + " on this node");
            }
        }
        return GatewayException.from(failure);
    }
}
