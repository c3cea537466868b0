package dev.junction.bench.load;

import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An open-loop load generator: requests are due on a fixed schedule ({@code --rate} per second), each is sent
 * when due whether or not earlier ones have answered, and its latency is measured from the time it was due,
 * not from when it was actually sent. A stall in the target (or in this generator) therefore shows in the
 * percentiles instead of silently lowering the load: the coordinated-omission correction wrk2 popularised.
 *
 * <pre>
 * java -cp junction-bench.jar dev.junction.bench.load.OpenLoop --url http://127.0.0.1:4000/v1/chat/completions
 *     [--url http://127.0.0.1:4001/v1/chat/completions ...]  (several: requests go to each in turn)
 *     --body chat.json [--header "Authorization: Bearer sk-..."] --rate 2000 --warmup 5 --duration 20
 *     [--connections 256] [--loops 1] [--keepalive 120] [--stream] [--drain 10] [--label '"scenario":"x"'] [--hgrm out.hgrm]
 *     [--slots out.txt]  (the worst latency of each 10 ms of the measured window, see {@link WorstPerSlot})
 * </pre>
 *
 * Prints one {@code RESULT {json}} line; exits 0 even on errors (they are counted in the line).
 *
 * <p>It sends with Netty directly: {@code --loops} event loops (one by default) each pace their share and own
 * their connections ({@link ConnectionPool}), one request in flight per connection, the request bytes encoded
 * once. Vert.x's HttpClient, used before, cost the generator about 48 us of CPU per request once warm (140 us
 * counting its JIT warm-up) against 30 us now, most of it the kernel's loopback TCP and wake-ups: at 9,000
 * requests/s on two cores it took as much CPU as the gateway it measured.
 */
public final class OpenLoop {
    private OpenLoop() {}

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Target target = Target.from(args);
        double rate = args.number("rate", 100);
        long warmupNanos = seconds(args.number("warmup", 5));
        long measureNanos = seconds(args.number("duration", 20));
        int connections = (int) args.number("connections", 256);
        int loops = (int) args.number("loops", 1);
        // Idle connections are closed after this long. Short, and a stall that opened many connections makes
        // them all idle at once: closing hundreds together stalls the loop again, every few seconds (seen at
        // 9,000 requests/s with 2 s: p99 80 ms against nginx, 0.4 ms with 120 s). It must stay below the
        // target's own idle timeout, or a request can race the server's close and fail with a reset: Node
        // (Portkey) closes after 5 s, so its runs pass --keepalive 2.
        int keepAliveSeconds = (int) args.number("keepalive", 120);
        boolean stream = args.flag("stream");
        long drainNanos = seconds(args.number("drain", 10));

        if (System.getProperty("io.netty.leakDetection.level") == null) {
            // Sampling buffers for leaks records stack traces; the generator must not spend CPU on itself.
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        Transport transport = Transport.best();
        MultiThreadIoEventLoopGroup group =
                new MultiThreadIoEventLoopGroup(loops, new DefaultThreadFactory("openloop"), transport.ioHandlers());
        String slotsFile = args.string("slots", null);
        WorstPerSlot slots = slotsFile == null
                ? null
                : new WorstPerSlot(
                        System.currentTimeMillis(), (warmupNanos + measureNanos + drainNanos) / 1_000_000 + 1000);
        Measurements measured = new Measurements(slots);
        Exchanges exchanges = new Exchanges(measured);
        List<URI> uris = target.uris();
        List<byte[]> requests = uris.stream().map(target::encoded).toList();
        // --connections per URL in all, as a Vert.x client pool had: each loop opens its share.
        int perLoop = Math.max(1, (connections + loops - 1) / loops);

        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        Schedule schedule = new Schedule(start, start + warmupNanos, start + warmupNanos + measureNanos, 1e9 / rate);
        CountDownLatch paced = new CountDownLatch(loops);
        int first = 0;
        for (EventExecutor executor : group) {
            EventLoop loop = (EventLoop) executor;
            ConnectionPool[] pools = new ConnectionPool[uris.size()];
            for (int i = 0; i < pools.length; i++) {
                pools[i] = new ConnectionPool(
                        loop,
                        transport,
                        Target.address(uris.get(i)),
                        requests.get(i),
                        perLoop,
                        seconds(keepAliveSeconds),
                        stream,
                        exchanges);
            }
            new Pacer(schedule, first++, loops, loop, pools, measured, paced::countDown).start();
        }
        paced.await();
        long unfinished = exchanges.awaitIdle(drainNanos);
        measured.timeouts(unfinished);

        JsonObject out = ResultLine.start(args.string("label", ""))
                .put("tool", "openloop")
                .put("stream", stream)
                .put("rate", rate)
                .put("warmup_s", warmupNanos / 1e9)
                .put("duration_s", measureNanos / 1e9)
                .put("connections", connections);
        measured.describe(out, measureNanos);
        String hgrm = args.string("hgrm", null);
        if (hgrm != null) {
            try (PrintStream file = new PrintStream(Files.newOutputStream(Path.of(hgrm)))) {
                measured.latency().outputPercentileDistribution(file, 1000.0);
            }
        }
        if (slots != null) {
            slots.write(Path.of(slotsFile));
        }
        ResultLine.print(out);
        // Answers still outstanding after the drain may hold the close up; the result is out, so exit anyway.
        try {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        } finally {
            System.exit(0);
        }
    }

    static long seconds(double seconds) {
        return (long) (seconds * 1e9);
    }
}
