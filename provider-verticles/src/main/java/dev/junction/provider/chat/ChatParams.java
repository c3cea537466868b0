package dev.junction.provider.chat;

import dev.junction.cluster.error.GatewayException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.OptionalLong;

/** OpenAI chat request parameters as translating providers read them. */
public final class ChatParams {
    private ChatParams() {}

    /** The deployment's defaults, overridden by every value the request sets (an explicit null sets nothing). */
    public static JsonObject withDefaults(JsonObject defaults, JsonObject request) {
        JsonObject params = defaults.copy();
        request.forEach(entry -> {
            if (entry.getValue() != null) {
                params.put(entry.getKey(), entry.getValue());
            }
        });
        return params;
    }

    /**
     * The request's output limit under either OpenAI name, else the deployment's. Resolved per source, so that a
     * request's {@code max_tokens} beats a default {@code max_completion_tokens}.
     */
    public static OptionalLong maxTokens(JsonObject request, JsonObject defaults) {
        for (JsonObject source : List.of(request, defaults)) {
            for (String name : List.of("max_completion_tokens", "max_tokens")) {
                if (source.getValue(name) instanceof Number limit) {
                    return OptionalLong.of(limit.longValue());
                }
            }
        }
        return OptionalLong.empty();
    }

    /** {@code stop} as a list; blank entries are dropped, since the providers that translate reject them. */
    public static JsonArray stopSequences(Object stop) {
        JsonArray sequences = new JsonArray();
        List<?> given = stop instanceof JsonArray list ? list.getList() : stop == null ? List.of() : List.of(stop);
        for (Object sequence : given) {
            if (sequence instanceof String text && !text.isBlank()) {
                sequences.add(text);
            }
        }
        return sequences;
    }

    /** OpenAI carries a tool call's arguments as a JSON string; the translated formats want the object itself. */
    public static JsonObject toolArguments(Object arguments) {
        if (arguments instanceof JsonObject object) {
            return object; // some clients send the object already decoded
        }
        String text = arguments == null ? "" : arguments.toString().strip();
        if (text.isEmpty()) {
            return new JsonObject();
        }
        try {
            return new JsonObject(text);
        } catch (DecodeException notAnObject) {
            throw GatewayException.badField("messages", "tool call arguments must be a JSON object");
        }
    }
}
