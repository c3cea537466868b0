package dev.junction.bench.load;

import io.netty.channel.EventLoop;
import java.util.concurrent.TimeUnit;

/**
 * Sends one event loop's share of the schedule (every {@code stride}-th request, from {@code first}) from that
 * loop itself. Netty's scheduled tasks wake the loop at the next due time with nanosecond precision, and
 * everything already due when it wakes goes out at once. An earlier version handed every request from a
 * pacing thread to the loop, and the two wake-ups per request cost the generator more CPU than the target at
 * 9,000 requests/s on two cores, so it measured itself.
 */
final class Pacer {
    private final Schedule schedule;
    private final int stride;
    private final EventLoop loop;
    private final ConnectionPool[] pools;
    private final Measurements measured;
    private final Runnable whenDone;
    private final Runnable tick = this::tick;
    private long sequence;

    /** {@code pools} are this loop's, one per URL: request {@code i} goes to URL {@code i % pools.length}. */
    Pacer(
            Schedule schedule,
            int first,
            int stride,
            EventLoop loop,
            ConnectionPool[] pools,
            Measurements measured,
            Runnable whenDone) {
        this.schedule = schedule;
        this.sequence = first;
        this.stride = stride;
        this.loop = loop;
        this.pools = pools;
        this.measured = measured;
        this.whenDone = whenDone;
    }

    void start() {
        loop.execute(tick);
    }

    private void tick() {
        long now = System.nanoTime();
        long due = schedule.due(sequence);
        while (due <= now && due < schedule.end()) {
            boolean counted = schedule.measured(due);
            if (counted) {
                measured.senderLag(now - due);
            }
            pools[(int) (sequence % pools.length)].send(due, counted);
            sequence += stride;
            due = schedule.due(sequence);
        }
        if (due >= schedule.end()) {
            whenDone.run();
            return;
        }
        loop.schedule(tick, due - now, TimeUnit.NANOSECONDS);
    }
}
