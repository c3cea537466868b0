package dev.junction.provider.sagemaker;

import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.chat.ChatParams;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * An OpenAI chat request in Hugging Face TGI's generate format, {@code {"inputs", "parameters", "stream"}}, as
 * LiteLLM's {@code sagemaker/} sends it: {@code max_tokens} as {@code max_new_tokens}, a zero temperature raised
 * to 0.01 (TGI wants it strictly positive), {@code n} as {@code best_of} with sampling on.
 *
 * <p>The prompt is the messages' text joined by spaces, LiteLLM's default prompt template; model-specific chat
 * templates are not applied (a chat model is better served by {@code sagemaker_chat/}, whose server applies its
 * own).
 */
final class TgiRequests {
    private TgiRequests() {}

    static JsonObject toBody(ProviderCall call) {
        JsonObject params = ChatParams.of(call);
        JsonObject parameters = new JsonObject();
        ChatParams.maxTokens(call).ifPresent(limit -> parameters.put("max_new_tokens", Math.max(1, limit)));
        if (params.getValue("temperature") instanceof Number temperature) {
            parameters.put("temperature", temperature.doubleValue() == 0 ? 0.01 : temperature);
        }
        ChatParams.copy(params, "top_p", parameters, "top_p");
        JsonArray stop = ChatParams.stopSequences(params.getValue("stop"));
        if (!stop.isEmpty()) {
            parameters.put("stop", stop);
        }
        if (params.getValue("n") instanceof Number n && n.intValue() > 1) {
            parameters.put("best_of", n.intValue()).put("do_sample", true);
        }
        JsonObject body = new JsonObject()
                .put("inputs", prompt(call.request().body().getValue("messages")))
                .put("parameters", parameters);
        if (call.request().stream()) {
            body.put("stream", true);
        }
        return body;
    }

    static String prompt(Object messages) {
        if (!(messages instanceof JsonArray list) || list.isEmpty()) {
            throw GatewayException.badField("messages", "messages must be a non-empty array");
        }
        StringBuilder prompt = new StringBuilder();
        for (Object item : list) {
            Object content = item instanceof JsonObject message ? message.getValue("content") : null;
            String text = text(content);
            if (!prompt.isEmpty()) {
                prompt.append(' ');
            }
            prompt.append(text);
        }
        return prompt.toString();
    }

    private static String text(Object content) {
        if (content instanceof String text) {
            return text;
        }
        if (content instanceof JsonArray parts) {
            StringBuilder text = new StringBuilder();
            for (Object part : parts) {
                if (part instanceof JsonObject fields && "text".equals(fields.getString("type"))) {
                    text.append(fields.getString("text", ""));
                } else {
                    throw GatewayException.badField("messages", "sagemaker takes text content only");
                }
            }
            return text.toString();
        }
        return "";
    }
}
