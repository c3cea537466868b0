package dev.junction.router.cache;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * A Responses API stream's answer: the {@code response} its {@code response.completed} (or {@code
 * response.incomplete}) event carries whole. A stream with a {@code response.failed} or {@code error} event, or
 * that ended before either, has none. Only those events are parsed: the deltas are many, and repeat what the
 * last event says.
 */
final class ResponseAssembler implements AnswerAssembler {
    private JsonObject response;
    private boolean failed;

    @Override
    public void accept(Buffer frame) {
        for (SseEvents.Event event : SseEvents.of(frame)) {
            if (terminal(event)) {
                read(event.json());
            }
        }
    }

    /** Whether the event may end the stream: named so, or unnamed and saying so in its data. */
    private static boolean terminal(SseEvents.Event event) {
        String name = event.name();
        if (name != null) {
            return name.equals("response.completed")
                    || name.equals("response.incomplete")
                    || name.equals("response.failed")
                    || name.equals("error");
        }
        return event.data().contains("\"response.") || event.data().contains("\"error\"");
    }

    private void read(JsonObject event) {
        if (event == null) {
            failed = true;
            return;
        }
        switch (String.valueOf(event.getValue("type"))) {
            case "response.completed", "response.incomplete" -> {
                if (event.getValue("response") instanceof JsonObject whole) {
                    response = whole;
                } else {
                    failed = true;
                }
            }
            case "response.failed", "error" -> failed = true;
            default -> {
                // a delta that merely mentions one of the names above
            }
        }
    }

    @Override
    public boolean whole() {
        return response != null && !failed;
    }

    @Override
    public JsonObject answer(JsonObject counted) {
        return response;
    }
}
