package dev.junction.gateway.http;

import dev.junction.cluster.bus.ChunkStream;
import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.RoutedReply;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerResponse;

/** Writes a routed answer to the client: LiteLLM's response headers, then the body or the relayed stream. */
final class ReplyWriter {
    private ReplyWriter() {}

    static void write(LlmRequest request, RoutedReply routed, HttpServerResponse response) {
        addHeaders(request, routed, response.headers());
        if (routed.reply() instanceof ProviderReply.Complete complete) {
            response.putHeader("content-type", "application/json").end(complete.body());
        } else if (routed.reply() instanceof ProviderReply.Streaming streaming) {
            relay(request, streaming.stream(), response);
        }
    }

    private static void addHeaders(LlmRequest request, RoutedReply routed, MultiMap headers) {
        long totalNanos = System.nanoTime() - request.receivedNanos();
        headers.set("x-litellm-call-id", request.callId())
                .set("x-litellm-model-id", routed.deployment().id())
                .set("x-litellm-model-group", routed.modelGroup())
                .set("x-litellm-attempted-retries", Integer.toString(routed.attemptedRetries()))
                .set("x-litellm-attempted-fallbacks", Integer.toString(routed.attemptedFallbacks()))
                .set("x-litellm-response-duration-ms", millis(totalNanos))
                .set("x-litellm-overhead-duration-ms", millis(Math.max(0, totalNanos - routed.upstreamNanos())));
        routed.headers().forEach(headers::set);
        String apiBase = routed.deployment().apiBase();
        if (apiBase != null) {
            int query = apiBase.indexOf('?');
            headers.set("x-litellm-model-api-base", query < 0 ? apiBase : apiBase.substring(0, query));
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
    private static void relay(LlmRequest request, ChunkStream stream, HttpServerResponse response) {
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
        stream.endHandler(v -> {
            if (!response.closed()) {
                response.end();
            }
        });
        stream.handler(frame -> {
            if (response.closed()) {
                return;
            }
            response.write(frame);
            if (response.writeQueueFull()) {
                stream.pause();
            }
        });
        stream.resume();
    }
}
