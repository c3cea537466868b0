package dev.junction.gateway.http;

import dev.junction.cluster.bus.ChunkStream;
import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.RoutedReply;
import dev.junction.config.PublicUrl;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.util.function.Consumer;

/** Writes a routed answer to the client: LiteLLM's response headers, then the body or the relayed stream. */
public final class ReplyWriter {
    // Names made once: each carries its hash, which a String name has computed again on every reply.
    private static final CharSequence MODEL_ID = HttpHeaders.createOptimized("x-litellm-model-id");
    private static final CharSequence MODEL_GROUP = HttpHeaders.createOptimized("x-litellm-model-group");
    private static final CharSequence RETRIES = HttpHeaders.createOptimized("x-litellm-attempted-retries");
    private static final CharSequence FALLBACKS = HttpHeaders.createOptimized("x-litellm-attempted-fallbacks");
    private static final CharSequence DURATION = HttpHeaders.createOptimized("x-litellm-response-duration-ms");
    private static final CharSequence OVERHEAD = HttpHeaders.createOptimized("x-litellm-overhead-duration-ms");
    private static final CharSequence API_BASE = HttpHeaders.createOptimized("x-litellm-model-api-base");
    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");

    private ReplyWriter() {}

    static void write(LlmRequest request, RoutedReply routed, HttpServerResponse response) {
        if (routed.reply() instanceof ProviderReply.Complete complete) {
            writeBody(request, routed, response, complete.body(), complete.contentType());
        } else if (routed.reply() instanceof ProviderReply.Streaming streaming) {
            relay(request, routed, response, null);
        }
    }

    /** A whole answer: the headers, then {@code body} (the routed one, or its translation to another API). */
    public static void writeBody(
            LlmRequest request, RoutedReply routed, HttpServerResponse response, Buffer body, String contentType) {
        if (response.closed()) {
            return;
        }
        addHeaders(request, routed, response.headers());
        response.putHeader(HttpHeaders.CONTENT_TYPE, ProviderReply.JSON.equals(contentType) ? JSON : contentType)
                .end(body);
    }

    /** A streamed answer: the headers, then its frames as they come, rewritten by {@code reframer} when not null. */
    public static void relay(
            LlmRequest request, RoutedReply routed, HttpServerResponse response, StreamReframer reframer) {
        addHeaders(request, routed, response.headers());
        ChunkStream stream = ((ProviderReply.Streaming) routed.reply()).stream();
        relay(request, stream, response, reframer);
    }

    private static void addHeaders(LlmRequest request, RoutedReply routed, MultiMap headers) {
        long totalNanos = System.nanoTime() - request.receivedNanos();
        headers.set(MODEL_ID, routed.deployment().id())
                .set(MODEL_GROUP, routed.modelGroup())
                .set(RETRIES, Integer.toString(routed.attemptedRetries()))
                .set(FALLBACKS, Integer.toString(routed.attemptedFallbacks()))
                .set(DURATION, millis(totalNanos))
                .set(OVERHEAD, millis(Math.max(0, totalNanos - routed.upstreamNanos())));
        routed.headers().forEach(headers::set);
        String apiBase = routed.deployment().apiBase();
        if (apiBase != null) {
            headers.set(API_BASE, PublicUrl.of(apiBase));
        }
    }

    private static void endUnlessClosed(HttpServerResponse response) {
        if (!response.closed()) {
            response.end();
        }
    }

    /** As {@code String.format("%.3f", nanos / 1e6)} rounds it, without the formatter's cost on every reply. */
    static String millis(long nanos) {
        long micros = (Math.max(0, nanos) + 500) / 1000;
        long fraction = micros % 1000;
        String digits = fraction < 10 ? "00" : fraction < 100 ? "0" : "";
        return (micros / 1000) + "." + digits + fraction;
    }

    /**
     * Relays SSE frames as they come. When the client reads slowly the upstream is paused; when the client
     * goes away the upstream request is cancelled.
     */
    private static void relay(
            LlmRequest request, ChunkStream stream, HttpServerResponse response, StreamReframer reframer) {
        response.setChunked(true)
                .putHeader("content-type", "text/event-stream")
                .putHeader("cache-control", "no-cache")
                .putHeader("x-accel-buffering", "no");
        Runnable clientGone = () -> {
            if (!response.ended()) {
                stream.cancel();
                request.cancellation().cancel();
            }
        };
        response.closeHandler(v -> clientGone.run());
        // An HTTP/2 client resets its stream rather than closing the connection.
        response.exceptionHandler(failure -> clientGone.run());
        response.drainHandler(v -> stream.resume());
        Consumer<Buffer> out = frame -> {
            if (!response.closed()) {
                response.write(frame);
            }
        };
        stream.endHandler(v -> {
            if (reframer == null) {
                endUnlessClosed(response);
                return;
            }
            reframer.onEnd(out);
            reframer.beforeEnd().onComplete(done -> endUnlessClosed(response));
        });
        boolean[] firstSent = {false};
        stream.handler(frame -> {
            if (response.closed()) {
                return;
            }
            if (!firstSent[0]) {
                firstSent[0] = true;
                request.observation().firstToken(System.nanoTime());
            }
            if (reframer == null) {
                response.write(frame);
            } else {
                reframer.onFrame(frame, out);
            }
            if (response.writeQueueFull()) {
                stream.pause();
            }
        });
        stream.resume();
    }
}
