package dev.junction.provider.anthropic;

import dev.junction.cluster.error.GatewayException;
import dev.junction.cluster.error.Redactor;
import dev.junction.provider.chat.ToolCalls;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Anthropic's Messages format read the other way round, for the gateway's own {@code /v1/messages} surface,
 * which turns Anthropic requests into chat and chat answers into Anthropic's. Each mapping is the reverse of
 * the one this package applies to Anthropic deployments, kept beside it so that the two cannot drift apart.
 */
public final class AnthropicFormat {
    private AnthropicFormat() {}

    /** An answer's {@code stop_reason} for an OpenAI {@code finish_reason}; null while there is none. */
    public static String stopReason(String finishReason) {
        return FinishReasons.toStopReason(finishReason);
    }

    /** An Anthropic client tool as an OpenAI function tool; null for a server tool, which chat cannot carry. */
    public static JsonObject functionTool(JsonObject anthropicTool) {
        return AnthropicToolTranslator.toOpenAi(anthropicTool);
    }

    /** An Anthropic {@code tool_choice} as OpenAI's (a string or a named function). */
    public static Object toolChoice(JsonObject anthropicChoice) {
        return AnthropicToolTranslator.toolChoiceToOpenAi(anthropicChoice);
    }

    /** An image block's {@code source} as an {@code image_url} URL; null when it has no URL form. */
    public static String imageUrl(JsonObject source) {
        return AnthropicContentTranslator.imageUrl(source);
    }

    /** OpenAI's {@code usage} as Anthropic's ({@code input_tokens}, {@code output_tokens}, cache counts). */
    public static JsonObject usage(JsonObject openAiUsage) {
        return AnthropicUsage.fromOpenAi(openAiUsage);
    }

    /** A tool call's OpenAI {@code arguments} (a JSON string) as the {@code input} object Anthropic carries. */
    public static JsonObject toolInput(Object arguments) {
        try {
            return ToolCalls.arguments(arguments);
        } catch (GatewayException notAnObject) {
            // A model's malformed arguments still reach the client, as the raw text Anthropic clients can show.
            return new JsonObject().put("arguments", String.valueOf(arguments));
        }
    }

    /**
     * An error in Anthropic's shape: {@code {"type": "error", "error": {"type", "message"}}}; its message masked
     * of anything shaped like a credential, as OpenAI-shaped errors are.
     */
    public static JsonObject errorBody(GatewayException error) {
        JsonObject detail = new JsonObject()
                .put("type", AnthropicErrorClassifier.typeOf(error.kind().httpStatus()))
                .put("message", Redactor.redact(error.getMessage(), List.of()));
        return new JsonObject().put("type", "error").put("error", detail);
    }
}
