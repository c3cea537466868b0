package dev.junction.router.tokens;

import dev.junction.cluster.bus.ChunkStream;
import dev.junction.cluster.bus.Usage;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;

/** A provider's stream, frame for frame, with the usage {@link StreamUsage} worked out for it. */
final class CountedUsageStream implements ChunkStream {
    private final ChunkStream stream;
    private final Future<Usage> usage;

    CountedUsageStream(ChunkStream stream, Future<Usage> usage) {
        this.stream = stream;
        this.usage = usage;
    }

    @Override
    public Future<Usage> usage() {
        return usage;
    }

    @Override
    public String streamedText() {
        return stream.streamedText();
    }

    @Override
    public void cancel() {
        stream.cancel();
    }

    @Override
    public CountedUsageStream exceptionHandler(Handler<Throwable> handler) {
        stream.exceptionHandler(handler);
        return this;
    }

    @Override
    public CountedUsageStream handler(Handler<Buffer> handler) {
        stream.handler(handler);
        return this;
    }

    @Override
    public CountedUsageStream pause() {
        stream.pause();
        return this;
    }

    @Override
    public CountedUsageStream resume() {
        stream.resume();
        return this;
    }

    @Override
    public CountedUsageStream fetch(long amount) {
        stream.fetch(amount);
        return this;
    }

    @Override
    public CountedUsageStream endHandler(Handler<Void> endHandler) {
        stream.endHandler(endHandler);
        return this;
    }
}
