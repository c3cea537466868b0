package dev.junction.router.cache;

import dev.junction.cluster.bus.FrameStream;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.Surface;
import dev.junction.cluster.bus.Usage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * Answers in the Messages or Responses API's own format: a deployment that speaks the API a request came on
 * (Anthropic on {@code /v1/messages}, OpenAI or Azure on {@code /v1/responses}) is relayed as it answered, and
 * the cache keeps that answer as it is, the message or response object. A hit on one is written in that format
 * again, as JSON or as the API's own events; it can only answer a request of that same API.
 */
final class NativeAnswers {
    private NativeAnswers() {}

    /** The API whose format {@code answer} is in, or null for OpenAI's (chat, completions, embeddings). */
    static Surface formatOf(JsonObject answer) {
        if ("message".equals(answer.getValue("type")) && answer.getValue("content") instanceof JsonArray) {
            return Surface.MESSAGES;
        }
        return "response".equals(answer.getValue("object")) ? Surface.RESPONSES : null;
    }

    /** Puts a stream of the API's own events back together, to be stored. */
    static AnswerAssembler assembler(Surface surface) {
        return surface == Surface.MESSAGES ? new MessageAssembler() : new ResponseAssembler();
    }

    /**
     * The reply of a hit on a native answer. A response is given an id of its own, as the Responses API gives
     * every answer: the gateway keeps it under that id for the caller, apart from the original.
     */
    static ProviderReply reply(Surface format, JsonObject answer, boolean stream) {
        JsonObject body = format == Surface.RESPONSES
                ? answer.copy().put("id", "resp_" + UUID.randomUUID().toString().replace("-", ""))
                : answer;
        Usage usage = format == Surface.MESSAGES
                ? Usage.fromAnthropic(body.getJsonObject("usage"))
                : Usage.fromResponses(body.getValue("usage"));
        if (stream) {
            return new ProviderReply.Streaming(
                    FrameStream.of(
                            format == Surface.MESSAGES ? MessageReplay.events(body) : ResponseReplay.events(body),
                            usage),
                    true);
        }
        return new ProviderReply.Complete(body.toBuffer(), usage, null, ProviderReply.JSON, true);
    }

    /**
     * Whether a native answer is worth keeping, as for chat: a message with text or a tool call, a response
     * with output text or a function call (not one that failed).
     */
    static boolean hasOutput(Surface format, JsonObject answer) {
        if (format == Surface.MESSAGES) {
            return answer.getJsonArray("content").stream()
                    .anyMatch(block -> block instanceof JsonObject object && blockCarriesOutput(object));
        }
        if ("failed".equals(answer.getValue("status")) || !(answer.getValue("output") instanceof JsonArray items)) {
            return false;
        }
        return items.stream().anyMatch(item -> item instanceof JsonObject object && itemCarriesOutput(object));
    }

    private static boolean blockCarriesOutput(JsonObject block) {
        Object type = block.getValue("type");
        return "text".equals(type) && block.getValue("text") instanceof String text && !text.isEmpty()
                || "tool_use".equals(type);
    }

    private static boolean itemCarriesOutput(JsonObject item) {
        Object type = item.getValue("type");
        if ("function_call".equals(type) || "custom_tool_call".equals(type)) {
            return true;
        }
        if (!"message".equals(type) || !(item.getValue("content") instanceof JsonArray parts)) {
            return false;
        }
        return parts.stream()
                .anyMatch(part -> part instanceof JsonObject content
                        && content.getValue("text") instanceof String text
                        && !text.isEmpty());
    }
}
