package dev.junction.provider.chat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The text of an OpenAI message's content, for providers that take plain text where OpenAI allows parts. */
public final class MessageText {
    private MessageText() {}

    /** A string as it is; a list's {@code text} parts joined (other parts ignored); null as empty. */
    public static String of(Object content) {
        if (content instanceof JsonArray parts) {
            StringBuilder text = new StringBuilder();
            for (Object part : parts) {
                if (part instanceof JsonObject fields && fields.getValue("text") instanceof String piece) {
                    text.append(piece);
                }
            }
            return text.toString();
        }
        return content == null ? "" : content.toString();
    }
}
