package dev.junction.provider.http;

import dev.junction.cluster.bus.ChunkStream;
import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.StreamTranslator;
import dev.junction.provider.sse.SseFrames;
import dev.junction.provider.sse.SseParser;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import java.util.function.Function;

/**
 * An upstream SSE response, translated chunk by chunk into OpenAI frames as bytes arrive. Flow control is
 * the upstream socket's: pausing this stream pauses the upstream read, so a slow client slows the provider
 * rather than filling the gateway's memory.
 */
final class UpstreamChunkStream implements ChunkStream {
    private final HttpClientRequest request;
    private final HttpClientResponse response;
    private final StreamTranslator translator;
    private final SseParser parser;
    private final Function<Throwable, GatewayException> classifier;
    private final Promise<Usage> usage = Promise.promise();
    private Handler<Buffer> handler;
    private Handler<Void> endHandler;
    private final StallWatch stallWatch;
    private boolean finished;
    private volatile boolean cancelled;

    UpstreamChunkStream(
            HttpClientRequest request,
            HttpClientResponse response,
            StreamTranslator translator,
            Function<Throwable, GatewayException> classifier,
            StallWatch stallWatch) {
        this.request = request;
        this.response = response;
        this.translator = translator;
        this.classifier = classifier;
        this.stallWatch = stallWatch;
        this.parser = new SseParser(event -> translator.onEvent(event, this::emit));
        response.handler(chunk -> {
            stallWatch.activity();
            parser.feed(chunk);
        });
        response.endHandler(v -> onUpstreamEnd());
        response.exceptionHandler(this::onUpstreamFailure);
        stallWatch.start(this::onStall);
    }

    /** The upstream sent nothing for a whole timeout while we were ready to read: give up on it. */
    private void onStall(GatewayException timeout) {
        if (finished) {
            return;
        }
        emit(SseFrames.error(timeout));
        request.reset();
        finish();
    }

    private void onUpstreamEnd() {
        if (finished) {
            return;
        }
        parser.end();
        translator.onEnd(this::emit);
        finish();
    }

    private void onUpstreamFailure(Throwable failure) {
        if (finished) {
            return;
        }
        if (!cancelled) {
            // The client already has a 200 and some chunks: the failure can only be reported in-band.
            emit(SseFrames.error(classifier.apply(failure)));
        }
        finish();
    }

    private void emit(Buffer frame) {
        Handler<Buffer> target = handler;
        if (target != null && !cancelled) {
            target.handle(frame);
        }
    }

    private void finish() {
        finished = true;
        stallWatch.stop();
        usage.tryComplete(translator.usage());
        Handler<Void> end = endHandler;
        if (end != null) {
            end.handle(null);
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
        request.reset();
    }

    @Override
    public Future<Usage> usage() {
        return usage.future();
    }

    @Override
    public ChunkStream exceptionHandler(Handler<Throwable> handler) {
        // Failures are delivered in-band as an error frame followed by the end, never as an exception.
        return this;
    }

    @Override
    public ChunkStream handler(Handler<Buffer> handler) {
        this.handler = handler;
        return this;
    }

    @Override
    public ChunkStream pause() {
        stallWatch.paused(true);
        response.pause();
        return this;
    }

    @Override
    public ChunkStream resume() {
        stallWatch.paused(false);
        response.resume();
        return this;
    }

    @Override
    public ChunkStream fetch(long amount) {
        stallWatch.paused(false);
        response.fetch(amount);
        return this;
    }

    @Override
    public ChunkStream endHandler(Handler<Void> endHandler) {
        this.endHandler = endHandler;
        return this;
    }
}
