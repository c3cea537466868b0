package dev.junction.bench.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Holds many slow streams open at once, each on its own connection or multiplexed over HTTP/2 connections
 * ({@code --http2-connections N}: h2c with prior knowledge), and measures the target process while
 * they are all open: heap, RSS and threads, read from {@code /proc} and {@code jstat}/{@code jcmd}.
 *
 * <pre>
 * java -cp junction-bench.jar dev.junction.bench.load.SlowStreams --url ... --body slow.json --streams 10000
 *     --ramp 2000 --pid 1234 [--http2-connections 125] [--settle 3] [--max-wait 120] [--label '"scenario":"x"']
 * </pre>
 *
 * Streams are opened at {@code --ramp} per second. Once all are open (or {@code --settle} seconds after the
 * last was sent), the target is sampled, then a full GC is requested and it is sampled again (the live
 * set). Then every stream is awaited to its {@code [DONE]}.
 */
public final class SlowStreams {
    private SlowStreams() {}

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Target target = Target.from(args);
        int streams = (int) args.number("streams", 10_000);
        double ramp = args.number("ramp", 2000);
        long settleNanos = OpenLoop.seconds(args.number("settle", 3));
        long maxWaitNanos = OpenLoop.seconds(args.number("max-wait", 120));
        long pid = (long) args.number("pid", -1);

        ProcessSample idle = pid > 0 ? ProcessSample.of(pid, false) : null;
        int http2Connections = (int) args.number("http2-connections", 0);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        HttpClient client = http2Connections > 0
                ? vertx.createHttpClient(
                        new HttpClientOptions()
                                .setProtocolVersion(HttpVersion.HTTP_2)
                                .setHttp2ClearTextUpgrade(false)
                                .setHttp2MultiplexingLimit((streams + http2Connections - 1) / http2Connections)
                                .setConnectTimeout(30_000),
                        new PoolOptions().setHttp2MaxSize(http2Connections).setMaxWaitQueueSize(-1))
                : vertx.createHttpClient(
                        new HttpClientOptions().setKeepAlive(false).setConnectTimeout(30_000),
                        new PoolOptions().setHttp1MaxSize(streams).setMaxWaitQueueSize(-1));
        Context[] contexts = EventLoops.contexts(vertx, 2);
        Counters counters = new Counters();
        long start = System.nanoTime();
        for (int i = 0; i < streams; i++) {
            long due = start + (long) (i * 1e9 / ramp);
            while (System.nanoTime() < due) {
                LockSupport.parkNanos(due - System.nanoTime());
            }
            contexts[i % contexts.length].runOnContext(v -> open(client, target, counters));
        }
        long sentAll = System.nanoTime();
        while (counters.streaming.sum() + counters.failed.sum() < streams
                && System.nanoTime() - sentAll < settleNanos) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        JsonObject out = ResultLine.start(args.string("label", ""))
                .put("tool", "slowstreams")
                .put("streams", streams)
                .put("ramp_per_s", ramp)
                .put("settle_s", args.number("settle", 3))
                .put("protocol", http2Connections > 0 ? "h2c" : "http/1.1")
                .put("client_connections", http2Connections > 0 ? http2Connections : streams)
                .put("first_byte_at_sample", counters.streaming.sum())
                .put("ended_at_sample", counters.ended());
        if (pid > 0) {
            idle.describe(out, "idle");
            ProcessSample.of(pid, false).describe(out, "held");
            ProcessSample.of(pid, true).describe(out, "held_after_gc");
        }
        while (counters.ended() < streams && System.nanoTime() - start < maxWaitNanos) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        out.put("completed", counters.completed.sum())
                .put("errors", streams - counters.completed.sum())
                .put("errors_io", counters.failed.sum())
                .put("errors_incomplete", counters.incomplete.sum())
                .put("errors_timeout", streams - counters.ended())
                .put("elapsed_s", Math.round((System.nanoTime() - start) / 1e7) / 100.0);
        ResultLine.print(out);
        Future.await(vertx.close());
    }

    private static void open(HttpClient client, Target target, Counters counters) {
        client.request(target.request())
                .compose(request -> request.send(target.body()))
                .onSuccess(response -> {
                    if (response.statusCode() != 200) {
                        response.body().onComplete(ignored -> counters.failed.increment());
                        return;
                    }
                    Exchanges.StreamTail tail = new Exchanges.StreamTail();
                    response.handler(chunk -> {
                        if (tail.first()) {
                            counters.streaming.increment();
                        }
                        tail.append(chunk);
                    });
                    response.exceptionHandler(failure -> counters.failed.increment());
                    response.endHandler(v -> {
                        if (tail.endsWith("[DONE]".getBytes())) {
                            counters.completed.increment();
                        } else {
                            counters.incomplete.increment();
                        }
                    });
                })
                .onFailure(failure -> counters.failed.increment());
    }

    private static final class Counters {
        final LongAdder streaming = new LongAdder();
        final LongAdder completed = new LongAdder();
        final LongAdder incomplete = new LongAdder();
        final LongAdder failed = new LongAdder();

        long ended() {
            return completed.sum() + incomplete.sum() + failed.sum();
        }
    }
}
