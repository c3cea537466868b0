package dev.junction.router.cache;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Server-sent events as the cache reads and writes them: a relayed buffer may hold several events, and an event's
 * data may span {@code data:} lines, which join with a newline as a client's parser joins them.
 */
final class SseEvents {
    /** One event: its {@code event:} name (null when it has none) and its data. */
    record Event(String name, String data) {
        /** The data as a JSON object, or null when it is not one ({@code [DONE]}, a cut payload). */
        JsonObject json() {
            try {
                return new JsonObject(data);
            } catch (DecodeException | ClassCastException notAnObject) {
                return null;
            }
        }
    }

    private SseEvents() {}

    /** The events in {@code frame} that carry data. */
    static List<Event> of(Buffer frame) {
        List<Event> events = new ArrayList<>();
        for (String block : frame.toString().split("\n\n")) {
            String name = null;
            StringBuilder data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    String value = line.substring(line.startsWith("data: ") ? 6 : 5);
                    data = data == null
                            ? new StringBuilder(value)
                            : data.append('\n').append(value);
                }
            }
            if (data != null) {
                events.add(new Event(name, data.toString().trim()));
            }
        }
        return events;
    }

    /** A named event, as Anthropic and the Responses API send theirs: {@code event: <name>} then its data. */
    static Buffer named(String name, JsonObject data) {
        return Buffer.buffer("event: " + name + "\ndata: " + data.encode() + "\n\n");
    }
}
