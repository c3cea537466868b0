package dev.junction.gateway.surface.responses;

import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.sse.SseFrames;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/** The events of one Responses API stream, named and numbered in order ({@code sequence_number}). */
final class ResponseEvents {
    private long sequence;

    Buffer of(String type, JsonObject fields) {
        fields.put("type", type).put("sequence_number", sequence++);
        return SseFrames.event(type, fields.encode());
    }

    /** The {@code error} event a stream ends with when it fails after it started. */
    Buffer error(GatewayException failure) {
        return of(
                "error",
                new JsonObject()
                        .put("code", failure.kind().type())
                        .put("message", failure.getMessage())
                        .put("param", failure.param().orElse(null)));
    }
}
