package dev.junction.cluster.state;

import java.time.Duration;

/** Usage is counted per UTC minute: a test that reads counts back must not straddle a minute boundary. */
final class MinuteBoundary {
    private MinuteBoundary() {}

    static void awaitRoom(Duration needed) throws InterruptedException {
        long intoMinute = System.currentTimeMillis() % 60_000;
        if (intoMinute > 60_000 - needed.toMillis()) {
            Thread.sleep(60_000 - intoMinute + 50);
        }
    }
}
