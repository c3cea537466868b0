package dev.junction.provider.chat;

import dev.junction.cluster.error.GatewayException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code messages} of an OpenAI chat request, checked the one way every translating provider checks them:
 * a bad list is the client's 400 naming the field, before any provider-specific translation starts.
 */
public final class ChatMessages {
    private ChatMessages() {}

    /** The messages in order; a 400 when {@code messages} is not a non-empty array of objects. */
    public static List<JsonObject> of(Object messages) {
        if (!(messages instanceof JsonArray list) || list.isEmpty()) {
            throw GatewayException.badField("messages", "messages must be a non-empty array");
        }
        List<JsonObject> checked = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof JsonObject message)) {
                throw GatewayException.badField("messages", "each message must be an object");
            }
            checked.add(message);
        }
        return checked;
    }
}
