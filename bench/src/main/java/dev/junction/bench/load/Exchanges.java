package dev.junction.bench.load;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Counts the exchanges every loop has begun until each ends, and records how it ended. Only measured requests
 * ({@code counted}) are recorded, and nothing after the drain deadline: what is unanswered by then is counted
 * as a timeout instead.
 */
final class Exchanges {
    private final Measurements measured;
    private final AtomicLong inFlight = new AtomicLong();
    private volatile boolean closed;
    private Runnable whenEnded = () -> {};

    Exchanges(Measurements measured) {
        this.measured = measured;
    }

    /** Runs {@code action} on the loop after each exchange ends, however it ended (the closed loop sends again). */
    void whenEnded(Runnable action) {
        whenEnded = action;
    }

    /** A request is due: it ends with exactly one of the calls below, or is counted as a timeout. */
    void begun() {
        inFlight.incrementAndGet();
    }

    /** The first body bytes of a stream, its time to first token; the exchange goes on. */
    void firstByte(boolean counted, long nanosSinceDue) {
        if (counted) {
            measured.firstByte(nanosSinceDue);
        }
    }

    void ok(boolean counted, long nanosSinceDue) {
        if (recording(counted)) {
            measured.ok(nanosSinceDue);
        }
        inFlight.decrementAndGet();
        whenEnded.run();
    }

    void ioError(boolean counted) {
        if (recording(counted)) {
            measured.ioError();
        }
        inFlight.decrementAndGet();
        whenEnded.run();
    }

    void statusError(boolean counted) {
        if (recording(counted)) {
            measured.statusError();
        }
        inFlight.decrementAndGet();
        whenEnded.run();
    }

    void incomplete(boolean counted) {
        if (recording(counted)) {
            measured.incomplete();
        }
        inFlight.decrementAndGet();
        whenEnded.run();
    }

    private boolean recording(boolean counted) {
        // An answer after the drain deadline was already counted as a timeout.
        return counted && !closed;
    }

    /**
     * Waits for answers to everything sent; returns how many are still unanswered after {@code nanos}, and
     * records nothing from then on.
     */
    long awaitIdle(long nanos) {
        long deadline = System.nanoTime() + nanos;
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
        closed = true;
        return inFlight.get();
    }

    /**
     * The last bytes of a stream, enough to see whether it ended with {@code [DONE]}: a stream counts as
     * complete only then.
     */
    static final class StreamTail {
        static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

        private final byte[] last = new byte[32];
        private int length;
        private boolean seenAny;

        boolean first() {
            boolean first = !seenAny;
            seenAny = true;
            return first;
        }

        void append(Buffer chunk) {
            append(((BufferInternal) chunk).getByteBuf());
        }

        /** Copies the chunk's readable bytes without moving its reader index. */
        void append(ByteBuf chunk) {
            int from = chunk.readerIndex();
            int n = chunk.readableBytes();
            if (n >= last.length) {
                chunk.getBytes(from + n - last.length, last, 0, last.length);
                length = last.length;
                return;
            }
            int keep = Math.min(length, last.length - n);
            System.arraycopy(last, length - keep, last, 0, keep);
            chunk.getBytes(from, last, keep, n);
            length = keep + n;
        }

        boolean endsWith(byte[] marker) {
            String text = new String(last, 0, length, StandardCharsets.US_ASCII).strip();
            return text.endsWith(new String(marker, StandardCharsets.US_ASCII));
        }
    }
}
