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
        // Idle connections are closed after this long. Short, and a stall that opened many connections makes
        // them all idle at once: closing hundreds together stalls the loop again, every few seconds (seen at
        // 9,000 requests/s with 2 s: p99 80 ms against nginx, 0.4 ms with 120 s). It must stay below the
        // target's own idle timeout, or a request can race the server's close and fail with a reset: Node
        // (Portkey) closes after 5 s, so its runs pass --keepalive 2.
        int keepAliveSeconds = (int) args.number("keepalive", 120);
        boolean stream = args.flag("stream");
        long drainNanos = seconds(args.number("drain", 10));

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops).setPreferNativeTransport(true));
        HttpClient client = vertx.createHttpClient(
                // Idle connections are dropped after 2 s, before any target's server closes them (Node's
                // default is 5 s): otherwise a request can race the server's close and fail with a reset.
                new HttpClientOptions()
                        .setKeepAlive(true)
                        .setKeepAliveTimeout(Integer.getInteger("ka", 2))
                        .setTcpNoDelay(true)
                        .setConnectTimeout(5_000),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
        Context[] contexts = EventLoops.contexts(vertx, loops);
        Measurements measured = new Measurements();
        Exchanges exchanges = new Exchanges(client, target, stream, measured);

        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        Schedule schedule = new Schedule(start, start + warmupNanos, start + warmupNanos + measureNanos, 1e9 / rate);
        CountDownLatch paced = new CountDownLatch(contexts.length);
        for (int loop = 0; loop < contexts.length; loop++) {
            Pacer pacer = new Pacer(schedule, loop, contexts.length, exchanges, measured, paced::countDown);
            Context context = contexts[loop];
            context.runOnContext(v -> pacer.start(context));
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
        ResultLine.print(out);
        // Answers still outstanding after the drain may hold the close up; the result is out, so exit anyway.
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            System.exit(0);
        }
    }

    static long seconds(double seconds) {
        return (long) (seconds * 1e9);
    }
}
