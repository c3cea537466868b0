package dev.junction.router.cache;

import dev.junction.cluster.bus.ChunkStream;
import dev.junction.cluster.bus.Usage;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/**
 * A provider's stream, frame for frame, that also assembles what the client receives. When the client has been
 * handed the whole stream (its end reached, not cancelled, no error event) the assembled answer goes to {@code
 * onWhole}; otherwise {@code onBroken} runs: exactly one of them, once.
 */
final class StreamRecorder implements ChunkStream {
    private final ChunkStream stream;
    private final AnswerAssembler assembler;
    private final Consumer<JsonObject> onWhole;
    private final Runnable onBroken;
    private boolean cancelled;
    private boolean settled;

    StreamRecorder(ChunkStream stream, AnswerAssembler assembler, Consumer<JsonObject> onWhole, Runnable onBroken) {
        this.stream = stream;
        this.assembler = assembler;
        this.onWhole = onWhole;
        this.onBroken = onBroken;
        // The usage is known when the upstream ends, which may be before the last frames reach the client.
        stream.usage().onComplete(ended -> {
            if (ended.failed() || isCancelled()) {
                settle(false);
            }
        });
    }

    private synchronized boolean isCancelled() {
        return cancelled;
    }

    private void settle(boolean delivered) {
        synchronized (this) {
            if (settled) {
                return;
            }
            settled = true;
        }
        Future<Usage> usage = stream.usage();
        if (delivered && usage.succeeded() && !isCancelled() && assembler.whole()) {
            Usage counted = usage.result();
            onWhole.accept(assembler.answer(counted.totalTokens() > 0 ? counted.toOpenAi() : null));
        } else {
            onBroken.run();
        }
    }

    @Override
    public Future<Usage> usage() {
        return stream.usage();
    }

    @Override
    public String streamedText() {
        return stream.streamedText();
    }

    @Override
    public void cancel() {
        synchronized (this) {
            cancelled = true;
        }
        stream.cancel();
        settle(false);
    }

    @Override
    public StreamRecorder exceptionHandler(Handler<Throwable> handler) {
        stream.exceptionHandler(handler);
        return this;
    }

    @Override
    public StreamRecorder handler(Handler<Buffer> handler) {
        stream.handler(
                handler == null
                        ? null
                        : frame -> {
                            assembler.accept(frame);
                            handler.handle(frame);
                        });
        return this;
    }

    @Override
    public StreamRecorder pause() {
        stream.pause();
        return this;
    }

    @Override
    public StreamRecorder resume() {
        stream.resume();
        return this;
    }

    @Override
    public StreamRecorder fetch(long amount) {
        stream.fetch(amount);
        return this;
    }

    @Override
    public StreamRecorder endHandler(Handler<Void> endHandler) {
        stream.endHandler(
                endHandler == null
                        ? null
                        : v -> {
                            // A continued stream (router_settings.continue_broken_streams) may settle its usage
                            // just after its last frame: the answer is whole once the usage is known.
                            stream.usage().onComplete(ended -> settle(ended.succeeded()));
                            endHandler.handle(v);
                        });
        return this;
    }
}
