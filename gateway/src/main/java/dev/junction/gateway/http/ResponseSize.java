package dev.junction.gateway.http;

import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.sse.SseFrames;
import io.vertx.core.buffer.Buffer;
import java.util.Locale;

/**
 * {@code max_response_size_mb}: an answer larger than this is not sent. LiteLLM refuses it with a 400 naming
 * both sizes; a stream has sent its start already, so it ends with the same error as an in-band event once
 * it would go over.
 */
final class ResponseSize {
    private static final double MB = 1024 * 1024;

    private ResponseSize() {}

    static GatewayException tooLarge(long bytes, long maxBytes) {
        return GatewayException.badField(
                "content-length",
                String.format(
                        Locale.ROOT,
                        "Response size is too large. Response size is %.3f MB. Max size is %.3f MB",
                        bytes / MB,
                        maxBytes / MB));
    }

    static Buffer errorFrame(long bytes, long maxBytes) {
        return SseFrames.error(tooLarge(bytes, maxBytes));
    }
}
