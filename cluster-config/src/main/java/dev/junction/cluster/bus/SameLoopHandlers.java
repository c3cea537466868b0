package dev.junction.cluster.bus;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.internal.ContextInternal;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The event-bus consumers of each event-loop thread, so that a request sent from that thread is handed to the
 * consumer living on it, at once, instead of being queued on the bus for whichever instance comes next in
 * the round robin.
 *
 * <p>Every verticle runs one instance per event loop, so the HTTP verticle, a router and a provider verticle
 * share each loop. Through the bus a request would cross to another loop at every hop (a task queued, the
 * other thread woken, caches cold), and each hop costs a queued task, a reply handler and its timer even on
 * the same loop (with the cheaper reply headers and call ids, 115 to 109 us of CPU per request measured
 * under wrk; see the commit). Delivered here, the consumer's handler runs
 * on the caller's thread, within the consumer's own context (as Vert.x runs it for a bus message), and its
 * reply comes back within the caller's context, with nothing queued in between.
 *
 * <p>Only what runs on an event loop takes this path; anything else, and any address nobody on the calling
 * thread serves, goes through the bus as before. The consumer stays registered on the bus too.
 */
final class SameLoopHandlers {
    /** Per event-loop thread: what each address's consumer on that thread does. Only its own thread reads it. */
    private static final ThreadLocal<Map<String, Entry<?>>> BY_THREAD = ThreadLocal.withInitial(HashMap::new);

    private SameLoopHandlers() {}

    private record Entry<T>(MessageConsumer<T> consumer, ContextInternal context, Function<T, Future<?>> handler) {}

    /** Called on the consumer's own event loop, when it registers. */
    static <T> void register(String address, MessageConsumer<T> consumer, Function<T, Future<?>> handler) {
        ContextInternal context = ContextInternal.current();
        if (context != null && context.isEventLoopContext() && context.inThread()) {
            BY_THREAD.get().putIfAbsent(address, new Entry<>(consumer, context, handler));
        }
    }

    /** The consumer's answer, or null when no consumer of {@code address} lives on the calling thread. */
    static Future<Object> deliver(String address, Object message) {
        ContextInternal caller = ContextInternal.current();
        if (caller == null || !caller.inThread()) {
            return null;
        }
        Map<String, Entry<?>> entries = BY_THREAD.get();
        Entry<?> entry = entries.get(address);
        if (entry == null) {
            return null;
        }
        if (!entry.consumer().isRegistered()) {
            entries.remove(address);
            return null;
        }
        return call(entry, message, caller);
    }

    @SuppressWarnings("unchecked")
    private static <T> Future<Object> call(Entry<T> entry, Object message, ContextInternal caller) {
        Promise<Object> reply = Promise.promise();
        entry.context().emit((T) message, body -> {
            Future<?> answer;
            try {
                answer = entry.handler().apply(body);
            } catch (RuntimeException failure) {
                answer = Future.failedFuture(failure);
            }
            answer.onComplete(done -> caller.emit(done, result -> reply.handle(result.map(Object.class::cast))));
        });
        return reply.future();
    }
}
