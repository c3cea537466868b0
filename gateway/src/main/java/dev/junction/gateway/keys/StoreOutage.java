package dev.junction.gateway.keys;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the key store answers, as the request path sees it. Once a read failed, reads are refused at once
 * and only one every {@link #RETRY_INTERVAL} goes to the store to see whether it is back: during an outage
 * clients get a quick answer, and requests do not pile up behind a connection pool that waits for a database
 * that is gone. The outage is logged when it starts and when it ends (at most once a minute each), never per
 * request.
 */
final class StoreOutage {
    static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(StoreOutage.class);
    private static final long LOG_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();

    private final String store;
    private final AtomicLong nextTry = new AtomicLong();
    private volatile boolean down;
    private long downSince;
    private long lastLoggedDown;
    private long lastLoggedUp;
    private int unloggedOutages;

    /** @param store the store's description, for the log: never a password */
    StoreOutage(String store) {
        this.store = store;
        long longAgo = System.nanoTime() - LOG_INTERVAL_NANOS;
        this.lastLoggedDown = longAgo;
        this.lastLoggedUp = longAgo;
    }

    /** Whether a read may go to the store now: always while it answers, else one read per interval. */
    boolean allows() {
        if (!down) {
            return true;
        }
        long next = nextTry.get();
        long now = System.nanoTime();
        return now - next >= 0 && nextTry.compareAndSet(next, now + RETRY_INTERVAL.toNanos());
    }

    /** Whether the store is taken as down: its last read failed and none has been answered since. */
    boolean isDown() {
        return down;
    }

    /** A read was answered. */
    void answered() {
        if (down) {
            endOutage();
        }
    }

    /** A read failed: the store is taken as down, and the next read is tried after the interval. */
    void failed(RuntimeException failure) {
        nextTry.set(System.nanoTime() + RETRY_INTERVAL.toNanos());
        if (!down) {
            startOutage(failure);
        }
    }

    private synchronized void startOutage(RuntimeException failure) {
        if (down) {
            return;
        }
        long now = System.nanoTime();
        down = true;
        downSince = now;
        if (now - lastLoggedDown < LOG_INTERVAL_NANOS) {
            unloggedOutages++;
            return;
        }
        lastLoggedDown = now;
        // The message names the store and the SQL state, never a key or a password; no stack trace per outage.
        LOG.warn(
                "The key store failed to answer: {}. Keys and teams not cached on this node are refused with 503"
                        + " until it answers again (tried every {} ms){}",
                failure.getMessage(),
                RETRY_INTERVAL.toMillis(),
                unloggedOutages == 0 ? "" : "; " + unloggedOutages + " shorter outages since the last report");
        unloggedOutages = 0;
    }

    private synchronized void endOutage() {
        if (!down) {
            return;
        }
        down = false;
        long now = System.nanoTime();
        if (now - lastLoggedUp >= LOG_INTERVAL_NANOS) {
            lastLoggedUp = now;
            LOG.info(
                    "The key store {} answers again, after {} ms",
                    store,
                    Duration.ofNanos(now - downSince).toMillis());
        }
    }
}
