package dev.junction.gateway.http;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.GeneralSettings;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of request bodies one node holds at once, across all its event loops. A body is counted from its
 * head (its Content-Length) or chunk by chunk as it arrives (chunked), until its exchange ends: the raw bytes
 * and the parsed tree both live that long. A request that would go over is refused at once, with a 503 and
 * {@code Retry-After} (a 413 when the body could never fit), rather than let parallel large bodies exhaust the
 * heap, which answers nobody.
 */
public final class BodyBudget {
    /**
     * Without {@code max_buffered_request_mb}: an eighth of the heap. A body held costs about twice its size
     * (the bytes and the parsed tree) and up to four times while one huge string in it is parsed, so this keeps
     * bodies under half the heap in the worst case.
     */
    static final int DEFAULT_HEAP_FRACTION = 8;
    /** Bodies are parsed and sent on within moments; a client can try again soon. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final long capacity;
    private final AtomicLong held = new AtomicLong();

    BodyBudget(long capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    /** {@code general_settings.max_buffered_request_mb}, else an eighth of this JVM's maximum heap. */
    public static BodyBudget of(GeneralSettings general) {
        return new BodyBudget(
                general.maxBufferedRequestBytes().orElse(Runtime.getRuntime().maxMemory() / DEFAULT_HEAP_FRACTION));
    }

    long capacity() {
        return capacity;
    }

    /** Counts {@code bytes} more as held, unless that would go over the budget. */
    boolean tryHold(long bytes) {
        long now;
        do {
            now = held.get();
            if (now + bytes > capacity) {
                return false;
            }
        } while (!held.compareAndSet(now, now + bytes));
        return true;
    }

    void release(long bytes) {
        held.addAndGet(-bytes);
    }

    /** What a request is told when {@code bytes} more do not fit. */
    GatewayException refusal(long bytes) {
        if (bytes > capacity) {
            return GatewayException.of(
                    ErrorKind.PAYLOAD_TOO_LARGE,
                    "Request body is larger than this node may hold at once (general_settings."
                            + GeneralSettings.MAX_BUFFERED_REQUEST_MB + ")");
        }
        return GatewayException.of(
                        ErrorKind.OVERLOADED,
                        "The node holds as many request bodies as its memory allows (general_settings."
                                + GeneralSettings.MAX_BUFFERED_REQUEST_MB + "); retry shortly")
                .withRetryAfter(RETRY_AFTER);
    }
}
