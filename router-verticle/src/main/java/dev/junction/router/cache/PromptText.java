package dev.junction.router.cache;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The text of a request's prompt as the semantic cache embeds it: the messages' text joined, or the prompt. */
final class PromptText {
    private PromptText() {}

    static String of(CachedCall call) {
        JsonObject body = call.request().body();
        StringBuilder text = new StringBuilder();
        if (body.getValue("messages") instanceof JsonArray messages) {
            for (Object each : messages) {
                if (each instanceof JsonObject message) {
                    append(text, message.getValue("content"));
                }
            }
        } else {
            append(text, body.getValue("prompt"));
        }
        return text.toString();
    }

    /** A string, or the {@code text} parts of a content list, or the strings of a prompt list. */
    private static void append(StringBuilder text, Object content) {
        if (content instanceof String value) {
            text.append(value);
        } else if (content instanceof JsonArray parts) {
            for (Object part : parts) {
                if (part instanceof String value) {
                    text.append(value);
                } else if (part instanceof JsonObject object && object.getValue("text") instanceof String value) {
                    text.append(value);
                }
            }
        }
    }
}
