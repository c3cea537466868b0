package dev.junction.testkit;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Raw SSE frames as providers put them on the wire: one string per event, blank line included. */
public final class Sse {
    /** OpenAI's (and Azure's) end-of-stream sentinel. */
    public static final String DONE = "data: [DONE]\n\n";

    private Sse() {}

    /** {@code data: <json>\n\n}, the OpenAI framing. */
    public static String data(JsonObject json) {
        return "data: " + json.encode() + "\n\n";
    }

    /** {@code event: <name>\ndata: <json>\n\n}, the Anthropic framing. */
    public static String event(String name, JsonObject json) {
        return "event: " + name + "\n" + data(json);
    }

    /**
     * Splits a recorded stream into frames at blank lines, keeping each frame's own bytes (including the
     * blank line), so {@code String.join("", frames(text))} gives back the text.
     */
    public static List<String> frames(String text) {
        String normalised = text.replace("\r\n", "\n");
        List<String> frames = new ArrayList<>();
        int start = 0;
        int end;
        while ((end = normalised.indexOf("\n\n", start)) >= 0) {
            frames.add(normalised.substring(start, end + 2));
            start = end + 2;
        }
        if (start < normalised.length() && !normalised.substring(start).isBlank()) {
            frames.add(normalised.substring(start));
        }
        return frames;
    }
}
