package dev.junction.gateway.surface;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.cluster.error.Redactor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads the frames Junction relays: one SSE event per buffer ({@code data: ...\n\n}, maybe with an {@code
 * event:} line), as the provider verticles write them. For the surfaces that rewrite OpenAI chunks into
 * another API's events.
 */
public final class SseData {
    private static final String DONE = "[DONE]";

    private SseData() {}

    /** The frame's data lines joined, or null when it has none. */
    public static String payload(Buffer frame) {
        StringBuilder data = null;
        for (String line : frame.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("data:")) {
                String value = line.substring(line.startsWith("data: ") ? 6 : 5);
                data = data == null
                        ? new StringBuilder(value)
                        : data.append('\n').append(value);
            }
        }
        return data == null ? null : data.toString();
    }

    /** The frame's JSON payload; null for {@code [DONE]}, an empty frame or a payload that is not an object. */
    public static JsonObject json(Buffer frame) {
        String payload = payload(frame);
        if (payload == null || DONE.equals(payload.strip())) {
            return null;
        }
        try {
            return new JsonObject(payload);
        } catch (DecodeException | ClassCastException notJson) {
            return null;
        }
    }

    /**
     * An OpenAI error frame's error ({@code {"error": {"message", "type", "param", "code"}}}) as a gateway
     * error of the kind its status code names, its message masked of anything shaped like a credential (the
     * stream redacted it already; this is the last net before it is reshaped for another API); null when the
     * chunk is not an error.
     */
    public static GatewayException error(JsonObject chunk) {
        if (!(chunk.getValue("error") instanceof JsonObject error)) {
            return null;
        }
        int status;
        try {
            status = Integer.parseInt(String.valueOf(error.getValue("code")));
        } catch (NumberFormatException notAStatus) {
            status = 500;
        }
        String message = String.valueOf(error.getValue("message", "the stream failed"));
        return GatewayException.of(ErrorKind.forUpstreamStatus(status), Redactor.redact(message, List.of()));
    }
}
