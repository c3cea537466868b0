package dev.junction.provider.mock;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.FrameStream;
import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;

/**
 * Answers a call from its {@code mock_response} (the request's, else the deployment's) without any network,
 * as LiteLLM does: a canned completion with fixed usage, or, for LiteLLM's magic strings, that error.
 */
public final class MockResponder {
    /** LiteLLM's mock usage: 10 prompt and 20 completion tokens. */
    static final Usage MOCK_USAGE = new Usage(10, 20, 30);

    private static final Map<String, ErrorKind> MAGIC_ERRORS = Map.of(
            "litellm.RateLimitError", ErrorKind.RATE_LIMITED,
            "litellm.InternalServerError", ErrorKind.INTERNAL,
            "litellm.ContextWindowExceededError", ErrorKind.CONTEXT_WINDOW_EXCEEDED,
            "litellm.ContentPolicyViolationError", ErrorKind.CONTENT_POLICY_VIOLATION);

    private MockResponder() {}

    /** The mock answer, or null when neither the request nor the deployment asks for one. */
    public static Object mockValue(ProviderCall call) {
        Object fromRequest = call.request().body().getValue("mock_response");
        return fromRequest != null
                ? fromRequest
                : call.deployment().mockResponse().orElse(null);
    }

    public static ProviderReply respond(ProviderCall call) {
        Object mock = mockValue(call);
        failIfMagic(mock);
        String model = call.deployment().upstreamModel();
        String id = "chatcmpl-mock-" + UUID.randomUUID();
        long created = System.currentTimeMillis() / 1000;
        Endpoint endpoint = call.request().endpoint();
        if (!endpoint.isTextGeneration() && endpoint != Endpoint.EMBEDDINGS) {
            return MockMedia.respond(call, String.valueOf(mock), model);
        }
        if (call.request().stream() && endpoint != Endpoint.EMBEDDINGS) {
            return new ProviderReply.Streaming(
                    FrameStream.of(MockChunks.frames(call, String.valueOf(mock), id, created, model), MOCK_USAGE));
        }
        JsonObject body =
                switch (endpoint) {
                    case CHAT_COMPLETIONS -> mock instanceof JsonObject custom
                            ? custom
                            : chat(String.valueOf(mock), id, created, model);
                    case COMPLETIONS -> completion(String.valueOf(mock), id, created, model);
                    default -> MockEmbeddings.body(
                            call.request().body().getValue("input"),
                            mock,
                            model,
                            call.request().body().getValue("encoding_format"));
                };
        Usage usage = Usage.fromOpenAi(body.getJsonObject("usage"));
        return new ProviderReply.Complete(body.toBuffer(), usage, endpoint == Endpoint.EMBEDDINGS ? null : "stop");
    }

    private static void failIfMagic(Object mock) {
        if (mock instanceof String text) {
            ErrorKind magic = MAGIC_ERRORS.get(text.strip());
            if (magic == null && text.startsWith("Exception: content_filter_policy")) {
                magic = ErrorKind.CONTENT_POLICY_VIOLATION;
            }
            if (magic != null) {
                throw GatewayException.upstream(
                        magic,
                        magic.describe("This is a mock exception for mock_response=" + text.strip()),
                        magic.httpStatus(),
                        null);
            }
        }
    }

    private static JsonObject chat(String content, String id, long created, String model) {
        JsonObject message = new JsonObject().put("role", "assistant").put("content", content);
        JsonObject choice =
                new JsonObject().put("index", 0).put("message", message).put("finish_reason", "stop");
        return envelope(id, "chat.completion", created, model).put("choices", new JsonArray().add(choice));
    }

    private static JsonObject completion(String text, String id, long created, String model) {
        JsonObject choice = new JsonObject()
                .put("index", 0)
                .put("text", text)
                .putNull("logprobs")
                .put("finish_reason", "stop");
        return envelope(id.replace("chatcmpl", "cmpl"), "text_completion", created, model)
                .put("choices", new JsonArray().add(choice));
    }

    private static JsonObject envelope(String id, String object, long created, String model) {
        return new JsonObject()
                .put("id", id)
                .put("object", object)
                .put("created", created)
                .put("model", model)
                .put("usage", MOCK_USAGE.toOpenAi());
    }
}
