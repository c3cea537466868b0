package dev.junction.gateway.http;

import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.RoutedReply;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.sse.SseFrames;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code max_response_size_mb}: an answer larger than this is not sent. LiteLLM refuses it with a 400 naming
 * both sizes; a stream has sent its start already, so it ends with the same error as an in-band event once
 * it would go over, and the upstream call is cancelled.
 */
final class ResponseSize {
    private static final double MB = 1024 * 1024;

    private ResponseSize() {}

    /**
     * The reply as it may be sent: itself, a stream cut at the limit, or null for a whole answer over it.
     *
     * @param maxBytes the limit, or null for none
     * @param errorShape the API's error body, for the error event of a stream passed through in its own format
     */
    static RoutedReply limit(
            RoutedReply routed, Long maxBytes, LlmRequest request, Function<GatewayException, JsonObject> errorShape) {
        if (maxBytes == null) {
            return routed;
        }
        if (routed.reply() instanceof ProviderReply.Complete complete) {
            return complete.body().length() > maxBytes ? null : routed;
        }
        ProviderReply.Streaming streaming = (ProviderReply.Streaming) routed.reply();
        Function<Long, Buffer> cut = sent -> streaming.passedThrough()
                ? Buffer.buffer("event: error\ndata: "
                        + errorShape.apply(tooLarge(sent, maxBytes)).encode() + "\n\n")
                // OpenAI's format, which the other APIs' stream writers translate as any error event.
                : SseFrames.error(tooLarge(sent, maxBytes));
        SizeLimitedStream limited = new SizeLimitedStream(
                streaming.stream(), maxBytes, cut, () -> request.cancellation().cancel());
        return new RoutedReply(
                new ProviderReply.Streaming(limited, streaming.passedThrough()),
                routed.deployment(),
                routed.modelGroup(),
                routed.attemptedRetries(),
                routed.attemptedFallbacks(),
                routed.upstreamNanos(),
                routed.headers());
    }

    /** The refusal of a whole answer over the limit. */
    static GatewayException tooLarge(RoutedReply routed, long maxBytes) {
        return tooLarge(((ProviderReply.Complete) routed.reply()).body().length(), maxBytes);
    }

    static GatewayException tooLarge(long bytes, long maxBytes) {
        return GatewayException.badField(
                "content-length",
                String.format(
                        Locale.ROOT,
                        "Response size is too large. Response size is %.3f MB. Max size is %.3f MB",
                        bytes / MB,
                        maxBytes / MB));
    }
}
