package dev.junction.gateway;

import java.time.Duration;

/**
 * The gateway's usage windows are whole UTC minutes of the machine clock, which the nodes and the test share:
 * a test that counts within one window starts where enough of it is left.
 */
final class MinuteWindows {
    private static final long MINUTE_MILLIS = 60_000;

    private MinuteWindows() {}

    static long current() {
        return System.currentTimeMillis() / MINUTE_MILLIS;
    }

    /** Returns at once if {@code needed} fits in what is left of this minute, else waits for the next one. */
    static void awaitRoom(Duration needed) throws InterruptedException {
        long left = MINUTE_MILLIS - System.currentTimeMillis() % MINUTE_MILLIS;
        if (left < needed.toMillis()) {
            Thread.sleep(left + 100);
        }
    }

    /** Waits until at least {@code second} seconds of the current minute have passed (at most that long). */
    static void awaitSecond(int second) throws InterruptedException {
        long into = System.currentTimeMillis() % MINUTE_MILLIS;
        if (into < second * 1000L) {
            Thread.sleep(second * 1000L - into);
        }
    }
}
