package dev.junction.provider.chat;

import dev.junction.cluster.bus.ProviderCall;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.OptionalLong;

/**
 * The parameters of a chat call as translating providers read them: the client's values over the deployment's
 * defaults. Providers whose body is built from an allow-list (Anthropic, Bedrock, SageMaker's TGI, Gemini,
 * Cohere, Ollama) share these rules, so a deployment default means the same thing whichever provider serves it.
 */
public final class ChatParams {
    private ChatParams() {}

    /** The deployment's defaults, overridden by every value the request sets (an explicit null sets nothing). */
    public static JsonObject of(ProviderCall call) {
        JsonObject params = call.deployment().defaultCallParams();
        call.request().body().forEach(entry -> {
            if (entry.getValue() != null) {
                params.put(entry.getKey(), entry.getValue());
            }
        });
        return params;
    }

    /**
     * The output limit under either OpenAI name, from the request, else from the deployment. Resolved per
     * source, so that a request's {@code max_tokens} beats a default {@code max_completion_tokens}.
     */
    public static OptionalLong maxTokens(ProviderCall call) {
        for (JsonObject source :
                List.of(call.request().body(), call.deployment().defaultCallParams())) {
            for (String name : List.of("max_completion_tokens", "max_tokens")) {
                if (source.getValue(name) instanceof Number limit) {
                    return OptionalLong.of(limit.longValue());
                }
            }
        }
        return OptionalLong.empty();
    }

    /**
     * OpenAI's {@code stop} (a string or a list) as a list. Sequences made only of whitespace are dropped, as
     * LiteLLM drops them: several providers reject them.
     */
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

    /** Copies {@code from} into {@code to} as {@code as} when the value is set. */
    public static void copy(JsonObject params, String from, JsonObject to, String as) {
        Object value = params.getValue(from);
        if (value != null) {
            to.put(as, value);
        }
    }
}
