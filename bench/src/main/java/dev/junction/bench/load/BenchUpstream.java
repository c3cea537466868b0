package dev.junction.bench.load;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The fake OpenAI upstream of {@code run.sh --smoke}, in Java so that the smoke needs nothing but a JDK: the same
 * three answers as nginx's {@code conf/upstream.conf} (which the full run keeps, being cheaper): a fixed chat
 * completion at {@code /v1/chat/completions}, a short stream at {@code /sse/v1/...} (the first chunk at once,
 * then 9 more 5 ms apart, usage, {@code [DONE]}) and a slow stream at {@code /slow/v1/...} ({@code --slow-chunks}
 * chunks {@code --slow-interval} seconds apart).
 *
 * <pre>
 * java -cp junction-bench.jar dev.junction.bench.load.BenchUpstream --port 18080 [--slow-chunks 30] [--slow-interval 1]
 * </pre>
 */
public final class BenchUpstream extends VerticleBase {
    static final String CHAT = "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":1700000000,"
            + "\"model\":\"gpt-4o-2024-08-06\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":\"Packets find their way / through the balanced open gates / no server stands still.\","
            + "\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":26,"
            + "\"completion_tokens\":19,\"total_tokens\":45},\"system_fingerprint\":\"fp_bench\"}";
    private static final String CHUNK = "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1700000000,\"model\":\"gpt-4o-2024-08-06\",\"system_fingerprint\":\"fp_bench\",\"choices\":%s}\n\n";
    private static final long SHORT_STREAM_INTERVAL_MS = 5;
    private static final int SHORT_STREAM_CHUNKS = 9;

    private final int port;
    private final List<Buffer> shortStream;
    private final List<Buffer> slowStream;
    private final long slowIntervalMs;

    private BenchUpstream(int port, int slowChunks, long slowIntervalMs) {
        this.port = port;
        this.shortStream = frames(SHORT_STREAM_CHUNKS, true);
        this.slowStream = frames(slowChunks, false);
        this.slowIntervalMs = slowIntervalMs;
    }

    public static void main(String[] argv) {
        Args args = new Args(argv);
        int port = (int) args.number("port", 18080);
        int slowChunks = (int) args.number("slow-chunks", 30);
        long slowIntervalMs = Math.round(args.number("slow-interval", 1) * 1000);
        int loops = Runtime.getRuntime().availableProcessors();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops).setPreferNativeTransport(true));
        vertx.deployVerticle(
                        () -> new BenchUpstream(port, slowChunks, slowIntervalMs),
                        new DeploymentOptions().setInstances(loops))
                .onSuccess(id -> System.out.println("bench upstream on :" + port))
                .onFailure(failure -> {
                    failure.printStackTrace();
                    System.exit(1);
                });
    }

    @Override
    public Future<?> start() {
        return vertx.createHttpServer(
                        new HttpServerOptions().setTcpNoDelay(true).setAcceptBacklog(8192))
                .requestHandler(request -> request.body().onComplete(read -> answer(request)))
                .listen(port, "127.0.0.1");
    }

    private void answer(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        switch (request.path()) {
            case "/v1/chat/completions" -> response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(CHAT);
            case "/sse/v1/chat/completions" -> stream(response, shortStream, SHORT_STREAM_INTERVAL_MS);
            case "/slow/v1/chat/completions" -> stream(response, slowStream, slowIntervalMs);
            default -> response.setStatusCode(404)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(
                            "{\"error\":{\"message\":\"bench upstream: unknown path\",\"type\":\"invalid_request_error\"}}");
        }
    }

    /** The first frame at once, then one frame every {@code intervalMs}. */
    private void stream(HttpServerResponse response, List<Buffer> frames, long intervalMs) {
        response.setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream");
        if (frames.size() == 1) {
            response.end(frames.get(0));
            return;
        }
        response.write(frames.get(0));
        next(response, frames, 1, intervalMs);
    }

    private void next(HttpServerResponse response, List<Buffer> frames, int index, long intervalMs) {
        vertx.setTimer(intervalMs, timer -> {
            if (response.closed()) {
                return;
            }
            if (index == frames.size() - 1) {
                response.end(frames.get(index));
                return;
            }
            response.write(frames.get(index));
            next(response, frames, index + 1, intervalMs);
        });
    }

    /**
     * The role chunk, then {@code words} content chunks, the last of them followed at once by the stop chunk,
     * (with {@code usage}) the usage chunk and {@code [DONE]}, as nginx's upstream sends them.
     */
    static List<Buffer> frames(int words, boolean usage) {
        List<Buffer> frames = new ArrayList<>();
        frames.add(Buffer.buffer(chunk("[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                + "\"logprobs\":null,\"finish_reason\":null}]")));
        for (int i = 1; i <= words; i++) {
            frames.add(Buffer.buffer(chunk("[{\"index\":0,\"delta\":{\"content\":\" word" + i + "\"},"
                    + "\"logprobs\":null,\"finish_reason\":null}]")));
        }
        String end = chunk("[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}]");
        if (usage) {
            end += chunk("[],\"usage\":{\"prompt_tokens\":26,\"completion_tokens\":" + words + ",\"total_tokens\":"
                    + (26 + words) + "}");
        }
        frames.get(frames.size() - 1).appendString(end + "data: [DONE]\n\n");
        return frames;
    }

    private static String chunk(String choices) {
        return CHUNK.formatted(choices);
    }
}
