package dev.junction.cluster.bus;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.time.Duration;
import java.util.List;

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

    /** Sends {@code message} to a local consumer and completes with its typed reply or its typed failure. */
    public static <T> Future<T> request(
            EventBus bus, String address, Object message, Duration callBudget, Class<T> replyType) {
        DeliveryOptions options = new DeliveryOptions()
                .setLocalOnly(true)
                .setSendTimeout(callBudget.plus(SAFETY_MARGIN).toMillis());
        return bus.request(address, message, options)
                .recover(failure -> Future.failedFuture(translate(failure, address)))
                .compose(reply -> unwrap(reply, replyType));
    }

    /** Answers {@code message} with the outcome of {@code result}: its value, or its failure as a gateway error. */
    public static void reply(Message<?> message, Future<?> result) {
        result.onComplete(value -> message.reply(value), failure -> message.reply(GatewayException.from(failure)));
    }

    private static <T> Future<T> unwrap(Message<Object> reply, Class<T> replyType) {
        Object body = reply.body();
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
