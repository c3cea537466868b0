package dev.junction.bench.load;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends one request and records how it went. A stream counts as complete only when it ended with
 * {@code data: [DONE]}; its first body bytes are its time to first token.
 */
final class Exchanges {
    private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

    private final HttpClient client;
    private final Target target;
    private final boolean stream;
    private final Measurements measured;
    private final AtomicLong inFlight = new AtomicLong();
    private volatile boolean closed;

    Exchanges(HttpClient client, Target target, boolean stream, Measurements measured) {
        this.client = client;
        this.target = target;
        this.stream = stream;
        this.measured = measured;
    }

    /**
     * Called on an event loop. {@code sequence} numbers the request (the target's URLs take turns); {@code due}
     * is when the schedule wanted it sent.
     */
    void send(long sequence, long due, boolean counted) {
        inFlight.incrementAndGet();
        client.request(target.request(sequence))
                .compose(request -> request.send(target.body()))
                .onSuccess(response -> read(response, due, counted))
                .onFailure(failure -> finish(counted, measured::ioError));
    }

    private void read(HttpClientResponse response, long due, boolean counted) {
        if (response.statusCode() != 200) {
            response.body().onComplete(ignored -> finish(counted, measured::statusError));
            return;
        }
        if (!stream) {
            response.body().onComplete(body -> {
                long done = System.nanoTime();
                if (body.failed()) {
                    finish(counted, measured::ioError);
                } else if (body.result().length() == 0) {
                    finish(counted, measured::incomplete);
                } else {
                    finish(counted, () -> measured.ok(done - due));
                }
            });
            return;
        }
        StreamTail tail = new StreamTail();
        response.handler(chunk -> {
            if (tail.first() && counted) {
                measured.firstByte(System.nanoTime() - due);
            }
            tail.append(chunk);
        });
        response.exceptionHandler(failure -> finish(counted, measured::ioError));
        response.endHandler(v -> {
            long done = System.nanoTime();
            finish(counted, tail.endsWith(DONE) ? () -> measured.ok(done - due) : measured::incomplete);
        });
    }

    private void finish(boolean counted, Runnable record) {
        // An answer after the drain deadline was already counted as a timeout.
        if (counted && !closed) {
            record.run();
        }
        inFlight.decrementAndGet();
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

    /** The last bytes of a stream, enough to see whether it ended with {@code [DONE]}. */
    static final class StreamTail {
        private final byte[] last = new byte[32];
        private int length;
        private boolean seenAny;

        boolean first() {
            boolean first = !seenAny;
            seenAny = true;
            return first;
        }

        void append(Buffer chunk) {
            int n = chunk.length();
            if (n >= last.length) {
                chunk.getBytes(n - last.length, n, last, 0);
                length = last.length;
                return;
            }
            int keep = Math.min(length, last.length - n);
            System.arraycopy(last, length - keep, last, 0, keep);
            chunk.getBytes(0, n, last, keep);
            length = keep + n;
        }

        boolean endsWith(byte[] marker) {
            String text = new String(last, 0, length, StandardCharsets.US_ASCII).strip();
            return text.endsWith(new String(marker, StandardCharsets.US_ASCII));
        }
    }
}
