package dev.junction.bench.load;

import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A closed-loop load generator, wrk's role in {@code run.sh --smoke} (which needs nothing but a JDK): {@code
 * --connections} keep-alive connections each send the next request as soon as the previous one is answered, for
 * {@code --warmup} then {@code --duration} seconds; the rate is whatever the target sustains. Only the requests sent
 * in the measured window count. The warm-up lasts until every connection had an answer too (60 s more at most): a
 * cold target on a busy machine may take longer than the warm-up for its first answers, and a window that starts
 * before them measures nothing. The full run keeps wrk, whose C loop costs less CPU on a machine the target
 * shares.
 *
 * <pre>
 * java -cp junction-bench.jar dev.junction.bench.load.ClosedLoop --url http://127.0.0.1:4000/v1/chat/completions
 *     --body chat.json [--header "Authorization: Bearer sk-..."] [--connections 64] [--warmup 1] [--duration 10]
 *     [--stream] [--label '"scenario":"x"']
 * </pre>
 *
 * Prints one {@code RESULT {json}} line with wrk's {@code requests} and {@code rps} next to {@link OpenLoop}'s
 * fields; exits 0 even on errors (they are counted in the line).
 */
public final class ClosedLoop {
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** How long past {@code --warmup} the warm-up may last while the target has not answered one round yet. */
    private static final long MAX_EXTRA_WARMUP_NANOS = TimeUnit.SECONDS.toNanos(60);

    private ClosedLoop() {}

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Target target = Target.from(args);
        long warmupNanos = OpenLoop.seconds(args.number("warmup", 0));
        long measureNanos = OpenLoop.seconds(args.number("duration", 10));
        int connections = (int) args.number("connections", 64);
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        Transport transport = Transport.best();
        MultiThreadIoEventLoopGroup group =
                new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("closedloop"), transport.ioHandlers());
        EventLoop loop = group.next();
        Measurements measured = new Measurements(null);
        Exchanges exchanges = new Exchanges(measured);
        URI uri = target.uris().get(0);
        // Idle connections are kept for good (0): a closed loop never leaves one idle for long.
        ConnectionPool pool = new ConnectionPool(
                loop,
                transport,
                Target.address(uri),
                target.encoded(uri),
                connections,
                0,
                args.flag("stream"),
                exchanges);

        Window window = new Window(System.nanoTime() + warmupNanos, measureNanos, connections);
        Runnable sendNext = () -> {
            long now = System.nanoTime();
            if (now < window.end()) {
                boolean counted = now >= window.from;
                if (counted) {
                    measured.senderLag(0);
                }
                pool.send(now, counted);
            }
        };
        exchanges.whenEnded(() -> {
            window.ended(System.nanoTime());
            sendNext.run();
        });
        loop.execute(() -> {
            for (int i = 0; i < connections; i++) {
                sendNext.run();
            }
        });
        window.await();
        measured.timeouts(exchanges.awaitIdle(DRAIN_NANOS));

        JsonObject out = ResultLine.start(args.string("label", ""))
                .put("tool", "closedloop")
                .put("connections", connections)
                .put("warmup_s", warmupNanos / 1e9)
                .put("duration_s", measureNanos / 1e9);
        measured.describe(out, measureNanos);
        // wrk's names for what a closed loop measures: the answered requests and their rate.
        out.put("requests", out.getLong("ok")).put("rps", out.getDouble("achieved_rps"));
        ResultLine.print(out);
        try {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        } finally {
            System.exit(0);
        }
    }

    /**
     * The measured window: it starts on the loop once the warm-up time is over and {@code round} exchanges ended,
     * and lasts {@code length}; until it starts both ends are in the far future. Giving up on a warm-up that never
     * ends puts the end in the past, so nothing more is sent.
     */
    private static final class Window {
        private final long warmupEnd;
        private final long length;
        private final int round;
        private final AtomicLong endNanos = new AtomicLong(Long.MAX_VALUE);
        private long ended;
        volatile long from = Long.MAX_VALUE;

        Window(long warmupEnd, long length, int round) {
            this.warmupEnd = warmupEnd;
            this.length = length;
            this.round = round;
        }

        long end() {
            return endNanos.get();
        }

        /** On the loop: an exchange ended at {@code now}. */
        void ended(long now) {
            ended++;
            if (now >= warmupEnd && ended >= round && endNanos.compareAndSet(Long.MAX_VALUE, now + length)) {
                from = now;
            }
        }

        /** Until the window is over, or until the warm-up is given up (the result then has nothing measured). */
        void await() {
            long giveUp = warmupEnd + MAX_EXTRA_WARMUP_NANOS;
            while (end() == Long.MAX_VALUE && System.nanoTime() < giveUp) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            if (endNanos.compareAndSet(Long.MAX_VALUE, Long.MIN_VALUE)) {
                return;
            }
            LockSupport.parkNanos(Math.max(0, end() - System.nanoTime()));
        }
    }
}
