package dev.junction.provider.sse;

import dev.junction.cluster.error.GatewayException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/** Encodes the SSE frames Junction sends its clients. */
public final class SseFrames {
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.UTF_8);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.UTF_8);
    private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");

    private SseFrames() {}

    public static Buffer data(JsonObject json) {
        return data(json.toBuffer());
    }

    /** A {@code data:} frame around an already-encoded JSON payload (single line). */
    public static Buffer data(Buffer payload) {
        return Buffer.buffer(payload.length() + 8)
                .appendBytes(DATA)
                .appendBuffer(payload)
                .appendBytes(END);
    }

    /**
     * A {@code data:} frame around a payload as an upstream event carried it, which may span lines: each line
     * gets its own {@code data:} prefix, so the client's parser joins them back into the same payload.
     */
    public static Buffer data(String payload) {
        return data(Buffer.buffer(payload.replace("\n", "\ndata: ")));
    }

    /**
     * A named event ({@code event: name}) around a payload as an upstream sent it: how Anthropic's and the
     * Responses API's events are relayed. Without a name it is a plain {@code data:} frame.
     */
    public static Buffer event(String name, String payload) {
        Buffer data = data(payload);
        if (name == null || name.isEmpty()) {
            return data;
        }
        return Buffer.buffer(name.length() + data.length() + 8)
                .appendString("event: ")
                .appendString(name)
                .appendString("\n")
                .appendBuffer(data);
    }

    public static Buffer done() {
        return DONE.copy();
    }

    /** An OpenAI-shaped error event: how a stream that fails after its first byte tells the client. */
    public static Buffer error(GatewayException failure) {
        JsonObject error = new JsonObject()
                .put("message", failure.getMessage())
                .put("type", failure.kind().type())
                .put("param", failure.param().orElse(null))
                .put("code", String.valueOf(failure.kind().httpStatus()));
        return data(new JsonObject().put("error", error));
    }
}
