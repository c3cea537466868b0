package dev.junction.provider.http;

import dev.junction.cluster.bus.ChunkStream;
import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.StreamDecoder;
import dev.junction.provider.StreamTranslator;
import dev.junction.provider.sse.SseEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An upstream SSE response, translated chunk by chunk into OpenAI frames as bytes arrive. Frames wait in a
 * small queue until the client asks for them; when it fills up the upstream read is paused, so a slow client
 * slows the provider rather than filling the gateway's memory.
 *
 * <p>The queue is also what keeps the stream well formed when the upstream fails: Vert.x reports a failure at
 * once but keeps the bytes it had buffered for a paused response, so the error frame and the end are queued
 * behind every frame read before them, and are delivered once the client has attached and read up to there.
 *
 * <p>A failure, whether the upstream reported it in the stream (the translator's {@link
 * StreamTranslator#failure()}) or the transport broke, is told to the client here and only here: one error
 * event, its message redacted of the deployment's secrets, after which nothing else is sent.
 *
 * <p>All state is touched on the event-loop thread the response arrived on; calls from elsewhere hop onto it.
 */
final class UpstreamChunkStream implements ChunkStream {
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamChunkStream.class);
    private static final int HIGH_WATER_MARK = 64;
    private static final int LOW_WATER_MARK = HIGH_WATER_MARK / 2;

    private final HttpClientRequest request;
    private final HttpClientResponse response;
    private final Context context;
    private final Thread contextThread;
    private final StreamTranslator translator;
    private final StreamDecoder parser;
    private final Function<Throwable, GatewayException> classifier;
    private final UnaryOperator<GatewayException> redaction;
    private final String deploymentId;
    private final Promise<Usage> usage = Promise.promise();
    private final Queue<Buffer> pending = new ArrayDeque<>();
    private Handler<Buffer> handler;
    private Handler<Void> endHandler;
    private long demand = Long.MAX_VALUE;
    private boolean upstreamPaused;
    private boolean upstreamFailing;
    private boolean upstreamDone;
    private boolean ended;
    private boolean delivering;
    /** The failure told to the client, once it was; nothing is queued after it. */
    private GatewayException reported;

    private volatile boolean cancelled;
    private final StallWatch stallWatch;

    /** Must be created on the response's context, before any of its body arrives. */
    UpstreamChunkStream(
            HttpClientRequest request,
            HttpClientResponse response,
            StreamTranslator translator,
            Function<Consumer<SseEvent>, StreamDecoder> decoder,
            Function<Throwable, GatewayException> classifier,
            UnaryOperator<GatewayException> redaction,
            StallWatch stallWatch,
            String deploymentId) {
        this.deploymentId = deploymentId;
        this.request = request;
        this.response = response;
        this.context = Vertx.currentContext();
        this.contextThread = Thread.currentThread();
        this.translator = translator;
        this.classifier = classifier;
        this.redaction = redaction;
        this.parser = decoder.apply(event -> translator.onEvent(event, this::enqueue));
        response.handler(this::onUpstreamBytes);
        response.endHandler(v -> onUpstreamEnd());
        response.exceptionHandler(this::onUpstreamFailure);
        this.stallWatch = stallWatch;
        stallWatch.start(this::onStall);
    }

    /** The upstream sent nothing for a whole timeout while we were ready to read: give up on it. */
    private void onStall(GatewayException timeout) {
        if (!upstreamDone && !upstreamFailing) {
            upstreamFailing = true;
            request.reset();
            finishUpstream(timeout);
        }
    }

    private void onUpstreamBytes(Buffer bytes) {
        stallWatch.activity();
        if (!upstreamDone) {
            parser.feed(bytes);
            translator.failure().ifPresent(this::reportInBand);
            deliver();
        }
    }

    private void onUpstreamEnd() {
        if (!upstreamDone) {
            parser.end();
            translator.onEnd(this::enqueue);
            translator.failure().ifPresent(this::reportInBand);
            finishUpstream(null);
        }
    }

    private void onUpstreamFailure(Throwable failure) {
        if (upstreamDone || upstreamFailing) {
            return;
        }
        upstreamFailing = true;
        GatewayException error = cancelled ? null : classifier.apply(failure);
        if (upstreamPaused) {
            // Take in what Vert.x still buffers first: its drain runs on this context before the task below.
            upstreamPaused = false;
            response.resume();
            context.runOnContext(v -> finishUpstream(error));
        } else {
            finishUpstream(error);
        }
    }

    /** @param error the failure to tell the client in-band (it already has a 200), or null */
    private void finishUpstream(GatewayException error) {
        if (upstreamDone) {
            return;
        }
        upstreamDone = true;
        stallWatch.stop();
        if (translator.droppedChunks() > 0) {
            LOG.warn(
                    "Dropped {} unreadable chunk(s) of a stream from deployment {}",
                    translator.droppedChunks(),
                    deploymentId);
        }
        if (error != null) {
            reportInBand(error);
        }
        if (reported == null) {
            usage.tryComplete(translator.usage());
        } else {
            usage.tryFail(reported);
        }
        deliver();
    }

    /**
     * Queues the stream's one error event, with the deployment's secrets and any credential masked, in the
     * translator's shape (OpenAI's, or a passed-through API's own error event).
     */
    private void reportInBand(GatewayException error) {
        if (reported != null) {
            return;
        }
        reported = redaction.apply(error);
        if (!cancelled) {
            pending.add(translator.errorFrame(reported));
        }
    }

    private void enqueue(Buffer frame) {
        if (!cancelled && reported == null) {
            pending.add(frame);
        }
    }

    private void deliver() {
        if (delivering || ended) {
            return;
        }
        delivering = true;
        try {
            while (handler != null && demand > 0 && !pending.isEmpty() && !cancelled) {
                if (demand != Long.MAX_VALUE) {
                    demand--;
                }
                handler.handle(pending.poll());
            }
            if (upstreamDone && (pending.isEmpty() || cancelled) && endHandler != null) {
                ended = true;
                endHandler.handle(null);
            }
        } finally {
            delivering = false;
        }
        updateUpstreamFlow();
    }

    private void updateUpstreamFlow() {
        if (upstreamDone || upstreamFailing) {
            return;
        }
        if (!upstreamPaused && pending.size() >= HIGH_WATER_MARK) {
            upstreamPaused = true;
            stallWatch.paused(true);
            response.pause();
        } else if (upstreamPaused && pending.size() <= LOW_WATER_MARK) {
            upstreamPaused = false;
            stallWatch.paused(false);
            response.resume();
        }
    }

    private void onContext(Runnable action) {
        // The thread, not the context object: handlers of one response may run on distinct duplicated contexts.
        if (Thread.currentThread() == contextThread) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
        onContext(() -> {
            pending.clear();
            request.reset();
            deliver();
        });
    }

    @Override
    public Future<Usage> usage() {
        return usage.future();
    }

    @Override
    public String streamedText() {
        return translator.streamedText();
    }

    @Override
    public ChunkStream exceptionHandler(Handler<Throwable> handler) {
        // Failures are delivered in-band as an error frame followed by the end, never as an exception.
        return this;
    }

    @Override
    public ChunkStream handler(Handler<Buffer> handler) {
        onContext(() -> {
            this.handler = handler;
            deliver();
        });
        return this;
    }

    @Override
    public ChunkStream pause() {
        onContext(() -> demand = 0);
        return this;
    }

    @Override
    public ChunkStream resume() {
        return fetch(Long.MAX_VALUE);
    }

    @Override
    public ChunkStream fetch(long amount) {
        onContext(() -> {
            demand = demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
            deliver();
        });
        return this;
    }

    @Override
    public ChunkStream endHandler(Handler<Void> endHandler) {
        onContext(() -> {
            this.endHandler = endHandler;
            deliver();
        });
        return this;
    }
}
