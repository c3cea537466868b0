package dev.junction.cluster.bus;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;

/**
 * A stream over frames known in advance (a mock answer, a cached one), honouring pause and fetch like a network
 * stream would.
 */
public final class FrameStream implements ChunkStream {
    private final Context context;
    private final Queue<Buffer> pending;
    private final Promise<Usage> usage = Promise.promise();
    private final Usage reported;
    private Handler<Buffer> handler;
    private Handler<Void> endHandler;
    private long demand = Long.MAX_VALUE;
    private boolean scheduled;
    private boolean cancelled;

    private FrameStream(Context context, List<Buffer> frames, Usage reported) {
        this.context = context;
        this.pending = new ArrayDeque<>(frames);
        this.reported = reported;
    }

    /** The stream of {@code frames} on the calling context, whose {@link #usage()} is {@code reported}. */
    public static FrameStream of(List<Buffer> frames, Usage reported) {
        return new FrameStream(Vertx.currentContext(), frames, reported);
    }

    private synchronized void schedule() {
        // A cancelled stream drains too, to end at once whatever the demand, as an upstream stream does.
        if (!scheduled && (cancelled || handler != null && demand > 0)) {
            scheduled = true;
            context.runOnContext(v -> drain());
        }
    }

    private void drain() {
        synchronized (this) {
            scheduled = false;
        }
        while (true) {
            Buffer next;
            synchronized (this) {
                if (cancelled || demand == 0 || pending.isEmpty()) {
                    break;
                }
                next = pending.poll();
                if (demand != Long.MAX_VALUE) {
                    demand--;
                }
            }
            handler.handle(next);
        }
        boolean ended;
        synchronized (this) {
            ended = pending.isEmpty() || cancelled;
        }
        if (ended && usage.tryComplete(reported) && endHandler != null) {
            endHandler.handle(null);
        }
    }

    @Override
    public synchronized void cancel() {
        cancelled = true;
        schedule();
    }

    @Override
    public Future<Usage> usage() {
        return usage.future();
    }

    @Override
    public ChunkStream exceptionHandler(Handler<Throwable> handler) {
        return this;
    }

    @Override
    public ChunkStream handler(Handler<Buffer> handler) {
        this.handler = handler;
        schedule();
        return this;
    }

    @Override
    public synchronized ChunkStream pause() {
        demand = 0;
        return this;
    }

    @Override
    public ChunkStream resume() {
        return fetch(Long.MAX_VALUE);
    }

    @Override
    public ChunkStream fetch(long amount) {
        synchronized (this) {
            demand = amount == Long.MAX_VALUE || demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
        }
        schedule();
        return this;
    }

    @Override
    public ChunkStream endHandler(Handler<Void> endHandler) {
        this.endHandler = endHandler;
        return this;
    }
}
