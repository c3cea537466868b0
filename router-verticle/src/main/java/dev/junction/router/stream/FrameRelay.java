package dev.junction.router.stream;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayDeque;

/**
 * The client's side of a {@link ContinuedStream}: frames wait here while the client reads nothing, and the
 * end is told once every frame before it was taken. Used on one thread only.
 */
final class FrameRelay {
    private final ArrayDeque<Buffer> pending = new ArrayDeque<>(4);
    private Handler<Buffer> handler;
    private Handler<Void> endHandler;
    private long demand = Long.MAX_VALUE;
    private boolean ending;
    private boolean ended;

    void handler(Handler<Buffer> handler) {
        this.handler = handler;
        deliver();
    }

    void endHandler(Handler<Void> endHandler) {
        this.endHandler = endHandler;
        deliver();
    }

    void pause() {
        demand = 0;
    }

    void fetch(long amount) {
        demand = demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
        deliver();
    }

    /** Whether the client takes frames now; a stream that feeds this relay pauses while it does not. */
    boolean wanting() {
        return demand > 0 && handler != null && pending.isEmpty();
    }

    void send(Buffer frame) {
        if (!ending) {
            pending.add(frame);
            deliver();
        }
    }

    void end() {
        ending = true;
        deliver();
    }

    /** Drops what the client has not taken: it is gone. */
    void discard() {
        pending.clear();
        end();
    }

    private void deliver() {
        while (handler != null && demand > 0 && !pending.isEmpty()) {
            if (demand != Long.MAX_VALUE) {
                demand--;
            }
            handler.handle(pending.poll());
        }
        if (ending && !ended && pending.isEmpty() && endHandler != null) {
            ended = true;
            endHandler.handle(null);
        }
    }
}
