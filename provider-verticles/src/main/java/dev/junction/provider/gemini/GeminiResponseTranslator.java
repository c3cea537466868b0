package dev.junction.provider.gemini;

import dev.junction.cluster.bus.ProviderReply;
import dev.junction.provider.google.GoogleErrorClassifier;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.UUID;

/**
 * A whole Gemini {@code GenerateContentResponse} as an OpenAI {@code chat.completion}, one choice per
 * candidate.
 *
 * <p>An answer withheld by Google's safety filters is a content-policy error rather than an empty answer, so
 * that {@code content_policy_fallbacks} apply: a prompt blocked outright ({@code promptFeedback.blockReason},
 * no candidates), or candidates that all stopped for a flagged reason ({@code SAFETY}, {@code RECITATION},
 * ...) before producing anything. A flagged stop after some text keeps the text, with {@code finish_reason:
 * content_filter}.
 */
public final class GeminiResponseTranslator {
    private final Clock clock;
    private final GoogleErrorClassifier errors;

    public GeminiResponseTranslator(Clock clock, GoogleErrorClassifier errors) {
        this.clock = clock;
        this.errors = errors;
    }

    /** @param model the deployment's model, named when the answer does not say which version served it */
    public ProviderReply.Complete toOpenAi(Buffer body, String model) {
        JsonObject response = parse(body);
        try {
            return translate(response, model);
        } catch (ClassCastException malformed) {
            throw errors.unreadable("the upstream answer is not a generateContent response");
        }
    }

    private ProviderReply.Complete translate(JsonObject response, String model) {
        if (response.getValue("error") instanceof JsonObject error) {
            throw errors.fromErrorObject(error);
        }
        JsonArray candidates = response.getJsonArray("candidates", new JsonArray());
        String blocked = blockReason(response);
        if (candidates.isEmpty()) {
            throw blocked != null
                    ? errors.contentPolicy("The prompt was blocked (blockReason: " + blocked + ")")
                    : errors.unreadable("the upstream answer has no candidates");
        }
        JsonArray choices = new JsonArray();
        boolean allFiltered = true;
        for (int i = 0; i < candidates.size(); i++) {
            JsonObject candidate = candidates.getJsonObject(i);
            GeminiMessage message = GeminiMessage.of(candidate);
            String reason = candidate.getString("finishReason");
            String finish = GeminiFinishReasons.of(reason, !message.toolCalls().isEmpty());
            allFiltered &= message.isEmpty() && "content_filter".equals(finish);
            choices.add(new JsonObject()
                    .put("index", candidate.getInteger("index", i))
                    .put("message", message.toOpenAi())
                    .put("finish_reason", finish == null ? "stop" : finish));
        }
        if (allFiltered) {
            String reason = candidates.getJsonObject(0).getString("finishReason");
            throw errors.contentPolicy("The response was blocked (finishReason: " + reason + ")");
        }
        JsonObject usage = response.getJsonObject("usageMetadata");
        JsonObject completion = new JsonObject()
                .put("id", idOf(response))
                .put("object", "chat.completion")
                .put("created", clock.instant().getEpochSecond())
                .put("model", response.getString("modelVersion", model))
                .put("choices", choices)
                .put("usage", GeminiUsage.toOpenAi(usage));
        String finish = choices.getJsonObject(0).getString("finish_reason");
        return new ProviderReply.Complete(completion.toBuffer(), GeminiUsage.from(usage), finish);
    }

    /** {@code promptFeedback.blockReason}, or null when the prompt was not blocked. */
    static String blockReason(JsonObject response) {
        return response.getValue("promptFeedback") instanceof JsonObject feedback
                        && feedback.getValue("blockReason") instanceof String reason
                ? reason
                : null;
    }

    static String idOf(JsonObject response) {
        return response.getValue("responseId") instanceof String id
                ? "chatcmpl-" + id
                : "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
    }

    private JsonObject parse(Buffer body) {
        try {
            Object parsed = body.toJsonValue();
            if (parsed instanceof JsonObject object) {
                return object;
            }
        } catch (DecodeException notJson) {
            // reported below
        }
        throw errors.unreadable("the upstream answer is not a generateContent response");
    }
}
