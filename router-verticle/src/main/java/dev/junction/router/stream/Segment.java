package dev.junction.router.stream;

import dev.junction.cluster.bus.ChunkStream;
import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Deployment;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.Function;

/**
 * One attempt's stream, held back until its first content. Until then nothing of it has reached the client,
 * so a stream that fails, or says nothing for its first-chunk timeout, fails the attempt like an error status
 * would, and the router retries or falls back with the client still waiting for its response head.
 *
 * <p>The frames read while holding (a role chunk, say) are kept by reference and replayed to the {@link
 * Listener} that takes the stream over. Every callback of the provider's stream is handled on the context
 * the segment was made on (the router's), so handing over never races a frame.
 */
public final class Segment {
    /** Where a segment's frames go once it is taken over. */
    interface Listener {
        void frame(Buffer frame);

        void end();
    }

    private final ChunkStream source;
    private final Deployment deployment;
    private final Function<String, Future<Usage>> brokenUsage;
    private final Context context;
    private final Thread thread;
    private final ArrayDeque<Buffer> held = new ArrayDeque<>(4);
    private final Promise<Segment> started = Promise.promise();
    private Listener listener;
    private boolean failed;
    private boolean ended;
    private long timer = -1;

    private Segment(
            ChunkStream source, Deployment deployment, Function<String, Future<Usage>> brokenUsage, Context context) {
        this.source = source;
        this.deployment = deployment;
        this.brokenUsage = brokenUsage;
        this.context = context;
        this.thread = Thread.currentThread();
    }

    /**
     * Holds {@code source} until its first content (see {@link #started()}). Call it on the router's context.
     *
     * @param within how long the first content may take
     * @param brokenUsage the usage of the attempt when its stream breaks after sending the given text
     */
    public static Segment hold(
            Vertx vertx,
            ChunkStream source,
            Duration within,
            Deployment deployment,
            Function<String, Future<Usage>> brokenUsage) {
        Segment segment = new Segment(source, deployment, brokenUsage, vertx.getOrCreateContext());
        long millis = Math.max(1, within.toMillis());
        segment.timer = vertx.setTimer(millis, id -> segment.giveUp(noFirstChunk(deployment, millis)));
        source.handler(frame -> segment.onContext(() -> segment.onFrame(frame)));
        source.endHandler(v -> segment.onContext(segment::onEnd));
        segment.started.future().onComplete(done -> vertx.cancelTimer(segment.timer));
        return segment;
    }

    /**
     * Completes with this segment once its first content came, or once it ended cleanly without any; fails
     * with its error when it failed before, or with a timeout when nothing came in time.
     */
    public Future<Segment> started() {
        return started.future();
    }

    /** Stops waiting: the client left, or the wait is over. The upstream request is cancelled. */
    public void giveUp(GatewayException reason) {
        onContext(() -> {
            // Failed first: the cancelled source ends at once, and an end while holding would count as a success.
            if (started.tryFail(reason)) {
                source.cancel();
            }
        });
    }

    private void onFrame(Buffer frame) {
        if (listener != null) {
            listener.frame(frame);
            return;
        }
        if (started.future().isComplete()) {
            held.add(frame);
            return;
        }
        ChunkFacts facts = ChunkFacts.of(frame);
        if (facts.kind() == ChunkFacts.Kind.ERROR) {
            failed = true; // the end follows, with the error in the usage
        } else {
            held.add(frame);
            if (facts.substantive()) {
                source.pause();
                started.tryComplete(this);
            }
        }
    }

    private void onEnd() {
        ended = true;
        if (listener != null) {
            listener.end();
        } else if (!started.future().isComplete()) {
            if (failed) {
                source.usage().onComplete(usage -> started.tryFail(unexplained(deployment)), started::tryFail);
            } else {
                started.tryComplete(this);
            }
        }
    }

    /** Hands the stream over: the held frames first, then the rest as it comes. Call on the router's context. */
    void attach(Listener taker) {
        while (!held.isEmpty()) {
            taker.frame(held.poll());
        }
        listener = taker;
        if (ended) {
            taker.end();
        }
    }

    void pause() {
        source.pause();
    }

    void resume() {
        source.resume();
    }

    void cancel() {
        source.cancel();
    }

    Future<Usage> usage() {
        return source.usage();
    }

    /** The usage of this attempt after its stream broke once {@code text} had been sent from it. */
    Future<Usage> brokenUsage(String text) {
        return brokenUsage.apply(text);
    }

    Deployment deployment() {
        return deployment;
    }

    void onContext(Runnable action) {
        if (Thread.currentThread() == thread) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }

    private static GatewayException noFirstChunk(Deployment deployment, long millis) {
        return GatewayException.of(
                ErrorKind.TIMEOUT,
                ErrorKind.TIMEOUT.describe("deployment " + deployment.id() + " sent no first chunk within " + millis
                        + " ms (stream_timeout)"));
    }

    private static GatewayException unexplained(Deployment deployment) {
        return GatewayException.of(
                ErrorKind.BAD_GATEWAY,
                ErrorKind.BAD_GATEWAY.describe("the stream of deployment " + deployment.id() + " failed"));
    }
}
