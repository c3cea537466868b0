package dev.junction.bench.load;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

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
 *     [--connections 256] [--loops 1] [--stream] [--drain 10] [--label '"scenario":"x"'] [--hgrm out.hgrm]
 * </pre>
 *
 * Prints one {@code RESULT {json}} line; exits 0 even on errors (they are counted in the line).
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
        boolean stream = args.flag("stream");
        long drainNanos = seconds(args.number("drain", 10));

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        HttpClient client = vertx.createHttpClient(
                // Idle connections are dropped after 2 s, before any target's server closes them (Node's
                // default is 5 s): otherwise a request can race the server's close and fail with a reset.
                new HttpClientOptions()
                        .setKeepAlive(true)
                        .setKeepAliveTimeout(2)
                        .setTcpNoDelay(true)
                        .setConnectTimeout(5_000),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
        Context[] contexts = EventLoops.contexts(vertx, loops);
        Measurements measured = new Measurements();
        Exchanges exchanges = new Exchanges(client, target, stream, measured);

        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        long measureFrom = start + warmupNanos;
        long end = measureFrom + measureNanos;
        double period = 1e9 / rate;
        for (long i = 0; ; i++) {
            long due = start + (long) (i * period);
            if (due >= end) {
                break;
            }
            long now = waitUntil(due);
            boolean counted = due >= measureFrom;
            if (counted) {
                measured.senderLag(now - due);
            }
            long sequence = i;
            contexts[(int) (i % contexts.length)].runOnContext(v -> exchanges.send(sequence, due, counted));
        }
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
        ResultLine.print(out);
        // Answers still outstanding after the drain may hold the close up; the result is out, so exit anyway.
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            System.exit(0);
        }
    }

    /** Parks until {@code due}; returns the time it woke (late wake-ups are part of the measured latency). */
    private static long waitUntil(long due) {
        long now = System.nanoTime();
        while (now < due) {
            LockSupport.parkNanos(due - now);
            now = System.nanoTime();
        }
        return now;
    }

    static long seconds(double seconds) {
        return (long) (seconds * 1e9);
    }
}
