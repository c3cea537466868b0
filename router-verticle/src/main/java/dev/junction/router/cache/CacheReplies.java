package dev.junction.router.cache;

import dev.junction.cluster.bus.CacheOutcome;
import dev.junction.cluster.bus.FrameStream;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.RoutedReply;
import dev.junction.cluster.bus.Surface;
import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.cache.CachedAnswer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The replies the cache gives: a hit answered from a stored answer, and a provider's reply marked as a miss. */
final class CacheReplies {
    static final String CACHE_KEY = "x-litellm-cache-key";
    static final String RESPONSE_COST = "x-litellm-response-cost";
    static final String SIMILARITY = "x-litellm-semantic-similarity";

    private CacheReplies() {}

    /**
     * A hit: the stored body as it is, or for a streaming request the answer streamed again. No provider was
     * called, so it costs nothing and no deployment counts it. Null when the stored answer is in a format the
     * request cannot be answered in: a Messages or Responses API answer stored as its API wrote it, for a request
     * of another API whose key happens to be the same.
     */
    static RoutedReply hit(CachedCall call, CachedAnswer answer, Double similarity) {
        Buffer body = Buffer.buffer(answer.body());
        JsonObject json = new JsonObject(body);
        Surface format = NativeAnswers.formatOf(json);
        ProviderReply reply;
        if (format != null) {
            if (format != call.surface()) {
                return null;
            }
            reply = NativeAnswers.reply(format, json, call.request().stream());
        } else {
            reply = openAiReply(call, json, body);
        }
        Map<String, String> headers = new HashMap<>();
        headers.put(CACHE_KEY, call.key());
        headers.put(RESPONSE_COST, "0.0");
        if (similarity != null) {
            headers.put(SIMILARITY, Double.toString(similarity));
        }
        return new RoutedReply(
                reply,
                call.deployment(answer.deploymentId()),
                call.resolution().modelGroup(),
                0,
                0,
                0,
                headers,
                new CacheOutcome(call.key(), true, similarity));
    }

    /** A chat, text completion or embedding answer, or its translation for the Messages and Responses APIs. */
    private static ProviderReply openAiReply(CachedCall call, JsonObject json, Buffer body) {
        Usage usage = Usage.fromOpenAi(json.getJsonObject("usage"));
        if (call.request().stream() && (call.completion() || call.onSurface())) {
            boolean chat = !call.callType().equals(CallTypes.TEXT_COMPLETION);
            boolean includeUsage = call.request().includeUsage();
            List<Buffer> frames =
                    chat ? ReplayFrames.chat(json, includeUsage) : ReplayFrames.textCompletion(json, includeUsage);
            return new ProviderReply.Streaming(FrameStream.of(frames, usage));
        }
        return new ProviderReply.Complete(body, usage, firstFinishReason(json));
    }

    /** A provider's reply with the key it was (or would have been) stored under. */
    static RoutedReply miss(CachedCall call, RoutedReply routed, ProviderReply reply) {
        Map<String, String> headers = new HashMap<>(routed.headers());
        headers.put(CACHE_KEY, call.key());
        return routed.withHeaders(headers).withCache(reply, new CacheOutcome(call.key(), false, null));
    }

    private static String firstFinishReason(JsonObject json) {
        JsonArray choices = json.getJsonArray("choices");
        if (choices == null || choices.isEmpty() || !(choices.getValue(0) instanceof JsonObject first)) {
            return null;
        }
        return first.getString("finish_reason");
    }

    /**
     * Whether an answer is worth keeping: LiteLLM stores no answer without output (no choice, or choices with
     * neither text nor tool calls; a native answer without text or tool calls), since replaying an empty answer would make every retry fail the same way.
     */
    static boolean hasOutput(JsonObject json) {
        Surface format = NativeAnswers.formatOf(json);
        if (format != null) {
            return NativeAnswers.hasOutput(format, json);
        }
        if (json.getValue("data") instanceof JsonArray data) {
            return !data.isEmpty();
        }
        JsonArray choices = json.getJsonArray("choices");
        if (choices == null) {
            return false;
        }
        for (Object each : choices) {
            if (each instanceof JsonObject choice && carriesOutput(choice)) {
                return true;
            }
        }
        return false;
    }

    private static boolean carriesOutput(JsonObject choice) {
        if (choice.getValue("text") instanceof String text && !text.isEmpty()) {
            return true;
        }
        if (!(choice.getValue("message") instanceof JsonObject message)) {
            return false;
        }
        return message.getValue("content") instanceof String content && !content.isEmpty()
                || message.getValue("tool_calls") instanceof JsonArray calls && !calls.isEmpty()
                || message.getValue("function_call") != null;
    }
}
