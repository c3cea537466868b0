package dev.junction.router.cache;

import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.RoutedReply;
import dev.junction.cluster.cache.ResponseStore;
import dev.junction.config.CacheSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * The miss path: the call goes to the provider and its answer is stored, a stream's once the client has had it
 * whole. Identical misses coalesce: the first claims the key (a marker in the store with {@code fill_wait_seconds}
 * to live, cluster-wide for the cluster cache), the others poll for its answer, and each of them goes to the
 * provider itself only if none arrives within that bound or the filler gave up.
 */
final class CacheFill {
    /** Polls start fast, for answers that come quickly, and slow down for long generations. */
    static final long FIRST_POLL_MILLIS = 20;

    static final long MAX_POLL_MILLIS = 250;

    /** Stores an assembled or whole answer; never fails the call. */
    interface Storage {
        Future<Void> store(Probe probe, byte[] body, String deploymentId);
    }

    private final Vertx vertx;
    private final CacheSettings settings;
    private final ResponseStore store;
    private final Storage storage;

    CacheFill(Vertx vertx, CacheSettings settings, ResponseStore store, Storage storage) {
        this.vertx = vertx;
        this.settings = settings;
        this.store = store;
        this.storage = storage;
    }

    /** A miss that waits for an identical request already calling the provider, if there is one. */
    Future<RoutedReply> coalesced(Probe probe, Function<LlmRequest, Future<RoutedReply>> next) {
        if (!probe.call().storable()) {
            return uncoordinated(probe, next);
        }
        long deadline = System.nanoTime() + settings.fillWait().toNanos();
        return claimOrWait(probe, next, deadline, true);
    }

    /** A miss that calls the provider at once, and stores its answer unless told not to. */
    Future<RoutedReply> uncoordinated(Probe probe, Function<LlmRequest, Future<RoutedReply>> next) {
        return call(probe, next, false);
    }

    private Future<RoutedReply> claimOrWait(
            Probe probe, Function<LlmRequest, Future<RoutedReply>> next, long deadline, boolean firstTry) {
        String key = probe.call().key();
        return store.claim(key, settings.fillWait())
                .recover(trouble -> Future.succeededFuture(false))
                .compose(claimed -> {
                    if (claimed) {
                        return call(probe, next, true);
                    }
                    return awaitAnswer(probe, deadline, FIRST_POLL_MILLIS).compose(hit -> {
                        if (hit != null) {
                            return Future.succeededFuture(hit);
                        }
                        // The filler gave up without an answer: one more try at filling it ourselves.
                        boolean timeLeft = deadline - System.nanoTime() > 0;
                        return firstTry && timeLeft
                                ? claimOrWait(probe, next, deadline, false)
                                : call(probe, next, false);
                    });
                });
    }

    /** Polls for the filler's answer until it is stored, the filler lets go, or the bound passes; null if none. */
    private Future<RoutedReply> awaitAnswer(Probe probe, long deadline, long pollMillis) {
        CachedCall call = probe.call();
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0 || call.request().cancellation().isCancelled()) {
            return Future.succeededFuture();
        }
        return vertx.timer(Math.min(pollMillis, left))
                .compose(v -> store.get(call.key()))
                .compose(answer -> {
                    RoutedReply hit = answer == null ? null : CacheReplies.hit(call, answer, null);
                    if (hit != null) {
                        return Future.succeededFuture(hit);
                    }
                    return store.filling(call.key())
                            .compose(filling -> filling
                                    ? awaitAnswer(probe, deadline, Math.min(pollMillis * 2, MAX_POLL_MILLIS))
                                    : Future.<RoutedReply>succeededFuture());
                })
                .recover(trouble -> Future.succeededFuture());
    }

    private Future<RoutedReply> call(Probe probe, Function<LlmRequest, Future<RoutedReply>> next, boolean claimed) {
        CachedCall call = probe.call();
        Runnable release = claimed ? () -> store.release(call.key()) : () -> {};
        return next.apply(call.request())
                .map(routed -> record(probe, routed, release))
                .onFailure(failure -> release.run());
    }

    /**
     * Marks the reply a miss and stores its answer: a whole one now, a stream's when it has been relayed. An answer
     * in the Messages or Responses API's own format (from a deployment that speaks it) is stored in that format.
     */
    private RoutedReply record(Probe probe, RoutedReply routed, Runnable release) {
        CachedCall call = probe.call();
        String deploymentId = routed.deployment().id();
        if (!call.storable()) {
            release.run();
            return CacheReplies.miss(call, routed, routed.reply());
        }
        if (routed.reply() instanceof ProviderReply.Streaming streaming) {
            AnswerAssembler assembler = streaming.passedThrough()
                    ? NativeAnswers.assembler(call.surface())
                    : new StreamAssembler(!call.callType().equals(CallTypes.TEXT_COMPLETION));
            StreamRecorder recorder = new StreamRecorder(
                    streaming.stream(),
                    assembler,
                    answer -> keep(probe, answer.encode().getBytes(StandardCharsets.UTF_8), deploymentId)
                            .onComplete(done -> release.run()),
                    release);
            return CacheReplies.miss(call, routed, new ProviderReply.Streaming(recorder, streaming.passedThrough()));
        }
        ProviderReply.Complete complete = (ProviderReply.Complete) routed.reply();
        keep(probe, complete.body().getBytes(), deploymentId).onComplete(done -> release.run());
        return CacheReplies.miss(call, routed, complete);
    }

    private Future<Void> keep(Probe probe, byte[] body, String deploymentId) {
        try {
            if (!CacheReplies.hasOutput(new JsonObject(io.vertx.core.buffer.Buffer.buffer(body)))) {
                return Future.succeededFuture();
            }
        } catch (DecodeException | ClassCastException notAnAnswer) {
            return Future.succeededFuture();
        }
        return storage.store(probe, body, deploymentId);
    }
}
