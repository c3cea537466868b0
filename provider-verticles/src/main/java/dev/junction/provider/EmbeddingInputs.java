package dev.junction.provider;

import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.error.GatewayException;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;

/** OpenAI's embeddings {@code input} as the list of texts that providers with their own embeddings API take. */
public final class EmbeddingInputs {
    private EmbeddingInputs() {}

    /**
     * The texts of {@code input} (a string or a list of strings). Token arrays, which only OpenAI-format
     * servers understand, are refused with a 400 naming the field.
     */
    public static List<String> texts(ProviderCall call, String provider) {
        Object input = call.request().body().getValue("input");
        List<String> texts = new ArrayList<>();
        if (input instanceof String text) {
            texts.add(text);
        } else if (input instanceof JsonArray list && !list.isEmpty()) {
            for (Object item : list) {
                if (!(item instanceof String text)) {
                    throw GatewayException.badField(
                            "input", provider + " embeddings take text: input must be a string or a list of strings");
                }
                texts.add(text);
            }
        } else {
            throw GatewayException.badField("input", "input must be a string or a non-empty list of strings");
        }
        return texts;
    }
}
