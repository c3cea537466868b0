package dev.junction.testkit;

import io.vertx.core.json.JsonObject;
import java.util.List;

/** Reads raw frames back, the way a translator would, so wire tests can assert on their JSON. */
final class SseFrames {
    private SseFrames() {}

    /** The JSON of a frame's {@code data:} line; {@code null} for {@code [DONE]}. */
    static JsonObject data(String frame) {
        for (String line : frame.split("\n")) {
            if (line.startsWith("data: ")) {
                String payload = line.substring(6);
                return payload.equals("[DONE]") ? null : new JsonObject(payload);
            }
        }
        throw new AssertionError("No data line in " + frame);
    }

    /** The {@code event:} name of a frame, or {@code null}. */
    static String event(String frame) {
        return frame.startsWith("event: ") ? frame.substring(7, frame.indexOf('\n')) : null;
    }

    static List<JsonObject> dataOf(List<String> frames) {
        return frames.stream()
                .filter(f -> !f.equals(Sse.DONE))
                .map(SseFrames::data)
                .toList();
    }
}
