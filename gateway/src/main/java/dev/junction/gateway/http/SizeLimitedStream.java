package dev.junction.gateway.http;

import dev.junction.cluster.bus.ChunkStream;
import dev.junction.cluster.bus.Usage;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import java.util.function.Function;

/**
 * A stream that passes its frames on until they would exceed {@code maxBytes}; then it cancels the upstream,
 * sends one error frame instead of the frame that went over, and ends. Used on one event loop.
 */
final class SizeLimitedStream implements ChunkStream {
    private final ChunkStream upstream;
    private final long maxBytes;
    private final Function<Long, Buffer> errorFrame;
    private final Runnable cancelCall;
    private Handler<Void> endHandler;
    private long sent;
    private boolean cut;

    /**
     * @param errorFrame the frame that ends a cut stream, given the bytes it would have reached
     * @param cancelCall cancels the call (its router side) once the stream is cut
     */
    SizeLimitedStream(ChunkStream upstream, long maxBytes, Function<Long, Buffer> errorFrame, Runnable cancelCall) {
        this.upstream = upstream;
        this.maxBytes = maxBytes;
        this.errorFrame = errorFrame;
        this.cancelCall = cancelCall;
    }

    @Override
    public ChunkStream handler(Handler<Buffer> handler) {
        if (handler == null) {
            upstream.handler(null);
            return this;
        }
        upstream.handler(frame -> {
            if (cut) {
                return;
            }
            sent += frame.length();
            if (sent <= maxBytes) {
                handler.handle(frame);
                return;
            }
            cut = true;
            upstream.cancel();
            cancelCall.run();
            handler.handle(errorFrame.apply(sent));
            if (endHandler != null) {
                endHandler.handle(null);
            }
        });
        return this;
    }

    @Override
    public ChunkStream endHandler(Handler<Void> handler) {
        this.endHandler = handler;
        upstream.endHandler(v -> {
            if (!cut && handler != null) {
                handler.handle(null);
            }
        });
        return this;
    }

    @Override
    public ChunkStream exceptionHandler(Handler<Throwable> handler) {
        upstream.exceptionHandler(handler);
        return this;
    }

    @Override
    public ChunkStream pause() {
        upstream.pause();
        return this;
    }

    @Override
    public ChunkStream resume() {
        upstream.resume();
        return this;
    }

    @Override
    public ChunkStream fetch(long amount) {
        upstream.fetch(amount);
        return this;
    }

    @Override
    public void cancel() {
        upstream.cancel();
    }

    @Override
    public Future<Usage> usage() {
        return upstream.usage();
    }

    @Override
    public String streamedText() {
        return upstream.streamedText();
    }
}
