package dev.junction.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.StreamDecoder;
import dev.junction.provider.StreamTranslator;
import dev.junction.provider.UpstreamRequest;
import dev.junction.provider.WireFixtures;
import dev.junction.provider.aws.AwsCredentialSources;
import dev.junction.testkit.EventStreamFrames;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Converse translation both ways and Bedrock's errors, on fixtures transcribed from AWS's documentation. */
class BedrockAdapterTest {
    private static final String BASE = "https://bedrock-runtime.us-east-1.amazonaws.com";
    private final BedrockAdapter adapter = new BedrockAdapter(
            new AwsCredentialSources(), Clock.fixed(Instant.ofEpochSecond(1732000000), ZoneOffset.UTC));

    private static ProviderCall chat(String model, JsonObject body) {
        JsonObject params = new JsonObject().put("aws_region_name", "us-east-1").put("aws_secret_access_key", "s3cr3t");
        return WireFixtures.call(
                Endpoint.CHAT_COMPLETIONS, body, WireFixtures.deployment("bedrock", model, BASE, null, params));
    }

    private static JsonObject user(Object content) {
        return new JsonObject().put("role", "user").put("content", content);
    }

    @Test
    void the_request_goes_to_the_converse_url_of_the_encoded_model_id_without_route_prefix() {
        UpstreamRequest request = adapter.toUpstream(chat(
                "converse/us.anthropic.claude-3-5-sonnet-20241022-v2:0",
                new JsonObject()
                        .put("messages", new JsonArray().add(user("hi")))
                        .put("stream", true)));

        assertThat(request.url())
                .isEqualTo(BASE + "/model/us.anthropic.claude-3-5-sonnet-20241022-v2%3A0/converse-stream");
        assertThat(request.headers().get("accept")).isEqualTo("application/vnd.amazon.eventstream");
        assertThat(request.headers().contains("authorization"))
                .as("signed later, by the signer")
                .isFalse();
        assertThat(request.body().toString()).doesNotContain("s3cr3t").doesNotContain("stream");
    }

    @Test
    void images_cache_points_stop_sequences_and_top_k_are_translated() {
        JsonArray parts = new JsonArray()
                .add(new JsonObject().put("type", "text").put("text", "What is this?"))
                .add(new JsonObject()
                        .put("type", "image_url")
                        .put("image_url", new JsonObject().put("url", "data:image/jpeg;base64,/9j/4AAQ"))
                        .put("cache_control", new JsonObject().put("type", "ephemeral")));
        JsonObject body = new JsonObject()
                .put(
                        "messages",
                        new JsonArray()
                                .add(new JsonObject().put("role", "system").put("content", "Describe images."))
                                .add(user(parts)))
                .put("stop", "END")
                .put("top_p", 0.9)
                .put("top_k", 40)
                .put("seed", 7);

        JsonObject sent = adapter.toUpstream(chat("anthropic.claude-3-haiku-20240307-v1:0", body))
                .body()
                .toJsonObject();

        JsonArray content = sent.getJsonArray("messages").getJsonObject(0).getJsonArray("content");
        assertThat(content.getJsonObject(1))
                .isEqualTo(new JsonObject()
                        .put(
                                "image",
                                new JsonObject()
                                        .put("format", "jpeg")
                                        .put("source", new JsonObject().put("bytes", "/9j/4AAQ"))));
        assertThat(content.getJsonObject(2))
                .isEqualTo(new JsonObject().put("cachePoint", new JsonObject().put("type", "default")));
        assertThat(sent.getJsonObject("inferenceConfig"))
                .isEqualTo(new JsonObject().put("topP", 0.9).put("stopSequences", new JsonArray().add("END")));
        assertThat(sent.getJsonObject("additionalModelRequestFields")).isEqualTo(new JsonObject().put("top_k", 40));
        assertThat(sent.containsKey("seed")).isFalse();
    }

    @Test
    void an_image_url_to_fetch_and_json_mode_are_refused_with_the_field_named() {
        JsonObject remoteImage = new JsonObject()
                .put(
                        "messages",
                        new JsonArray()
                                .add(user(new JsonArray()
                                        .add(new JsonObject()
                                                .put("type", "image_url")
                                                .put(
                                                        "image_url",
                                                        new JsonObject().put("url", "https://example.com/cat.png"))))));
        GatewayException image = catchThrowableOfType(
                GatewayException.class, () -> adapter.toUpstream(chat("amazon.nova-pro-v1:0", remoteImage)));
        assertThat(image.param()).contains("messages");
        assertThat(image.getMessage()).contains("base64 data: URLs");

        JsonObject jsonMode = new JsonObject()
                .put("messages", new JsonArray().add(user("hi")))
                .put("response_format", new JsonObject().put("type", "json_object"));
        assertThat(catchThrowableOfType(
                                GatewayException.class,
                                () -> adapter.toUpstream(chat("amazon.nova-pro-v1:0", jsonMode)))
                        .param())
                .contains("response_format");
    }

    @Test
    void the_recorded_answers_become_chat_completions_with_tool_calls_and_cached_usage() {
        ProviderCall call = chat("anthropic.claude-3-haiku-20240307-v1:0", new JsonObject());
        ProviderReply.Complete text = adapter.fromUpstream(call, WireFixtures.buffer("bedrock/converse.response.json"));
        JsonObject completion = text.body().toJsonObject();
        assertThat(completion
                        .getJsonArray("choices")
                        .getJsonObject(0)
                        .getJsonObject("message")
                        .getString("content"))
                .startsWith("Here is a list of 3 pop songs");
        assertThat(text.usage().totalTokens()).isEqualTo(185);
        assertThat(text.finishReason()).isEqualTo("stop");

        ProviderReply.Complete tool =
                adapter.fromUpstream(call, WireFixtures.buffer("bedrock/converse.tool-use.response.json"));
        JsonObject message = tool.body()
                .toJsonObject()
                .getJsonArray("choices")
                .getJsonObject(0)
                .getJsonObject("message");
        JsonObject toolCall = message.getJsonArray("tool_calls").getJsonObject(0);
        assertThat(toolCall.getString("id")).isEqualTo("tooluse_kZJMlvQmRJ6eAyJE5GIl7Q");
        assertThat(toolCall.getJsonObject("function").getString("arguments")).isEqualTo("{\"sign\":\"WZPZ\"}");
        assertThat(tool.finishReason()).isEqualTo("tool_calls");
        assertThat(tool.usage().promptTokens())
                .as("cache reads count in the prompt")
                .isEqualTo(415);
        assertThat(tool.body().toJsonObject().getJsonObject("usage").getJsonObject("prompt_tokens_details"))
                .isEqualTo(new JsonObject().put("cached_tokens", 40));
    }

    @Test
    void the_recorded_tool_use_stream_becomes_chunks_whatever_the_framing_cut() {
        JsonArray events = new JsonArray(WireFixtures.text("bedrock/converse-stream.tool-use.events.json"));
        Buffer bytes = Buffer.buffer();
        events.forEach(e -> bytes.appendBuffer(EventStreamFrames.event(
                ((JsonObject) e).getString("event"), ((JsonObject) e).getJsonObject("payload"))));
        JsonObject request = new JsonObject()
                .put("messages", new JsonArray().add(user("hi")))
                .put("stream", true)
                .put("stream_options", new JsonObject().put("include_usage", true));
        ProviderCall call = chat("anthropic.claude-3-haiku-20240307-v1:0", request);
        for (int chunkSize : new int[] {7, 64, bytes.length()}) {
            List<JsonObject> chunks = new ArrayList<>();
            StreamTranslator translator = adapter.streamTranslator(call);
            StreamDecoder decoder = adapter.streamDecoder(
                    call,
                    event -> translator.onEvent(event, frame -> {
                        String text =
                                frame.toString().substring("data: ".length()).strip();
                        chunks.add(text.equals("[DONE]") ? new JsonObject().put("done", true) : new JsonObject(text));
                    }));
            for (int at = 0; at < bytes.length(); at += chunkSize) {
                decoder.feed(bytes.getBuffer(at, Math.min(bytes.length(), at + chunkSize)));
            }
            decoder.end();
            translator.onEnd(frame ->
                    chunks.add(new JsonObject().put("done", frame.toString().contains("[DONE]"))));

            StringBuilder text = new StringBuilder();
            StringBuilder arguments = new StringBuilder();
            chunks.stream()
                    .filter(c -> c.getJsonArray("choices") != null
                            && !c.getJsonArray("choices").isEmpty())
                    .map(c -> c.getJsonArray("choices").getJsonObject(0).getJsonObject("delta"))
                    .forEach(delta -> {
                        text.append(delta.getString("content", ""));
                        JsonArray calls = delta.getJsonArray("tool_calls");
                        if (calls != null) {
                            arguments.append(calls.getJsonObject(0)
                                    .getJsonObject("function")
                                    .getString("arguments", ""));
                        }
                    });
            assertThat(text.toString()).isEqualTo("I'll look that up for you.");
            assertThat(new JsonObject(arguments.toString())).isEqualTo(new JsonObject().put("sign", "WZPZ"));
            assertThat(translator.usage().totalTokens()).isEqualTo(435);
            assertThat(chunks.get(chunks.size() - 1).getBoolean("done")).isTrue();
            assertThat(chunks.toString()).doesNotContain("abcdefgh").contains("\"finish_reason\":\"tool_calls\"");
        }
    }

    @Test
    void bedrocks_errors_map_to_litellms_kinds() {
        assertThat(kind(429, "ThrottlingException", "bedrock/error.throttling.json"))
                .isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(kind(400, "ValidationException", "bedrock/error.input-too-long.json"))
                .isEqualTo(ErrorKind.CONTEXT_WINDOW_EXCEEDED);
        assertThat(kind(403, "AccessDeniedException", "bedrock/error.access-denied.json"))
                .isEqualTo(ErrorKind.PERMISSION_DENIED);
        assertThat(kind(429, "ModelNotReadyException", "bedrock/error.model-not-ready.json"))
                .isEqualTo(ErrorKind.SERVICE_UNAVAILABLE);
        assertThat(BedrockErrorClassifier.kindOf(400, "ValidationException", "The guardrail blocked the input"))
                .isEqualTo(ErrorKind.CONTENT_POLICY_VIOLATION);
        assertThat(BedrockErrorClassifier.kindOf(429, "ThrottlingException", "Too many tokens per minute"))
                .as("a throttle is never a context-window error")
                .isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(BedrockErrorClassifier.kindOf(403, "UnrecognizedClientException", "x"))
                .isEqualTo(ErrorKind.AUTHENTICATION);
        assertThat(BedrockErrorClassifier.kindOf(500, "InternalServerException", "x"))
                .isEqualTo(ErrorKind.SERVICE_UNAVAILABLE);

        GatewayException throttled = adapter.classify(
                429,
                headers("ThrottlingException").add("retry-after", "3"),
                WireFixtures.buffer("bedrock/error.throttling.json"));
        assertThat(throttled.getMessage())
                .isEqualTo(
                        "litellm.RateLimitError: BedrockException - Too many requests, please wait before trying again.");
        assertThat(throttled.retryAfter()).contains(java.time.Duration.ofSeconds(3));
    }

    private ErrorKind kind(int status, String type, String fixture) {
        return adapter.classify(status, headers(type), WireFixtures.buffer(fixture))
                .kind();
    }

    private static MultiMap headers(String type) {
        return MultiMap.caseInsensitiveMultiMap()
                .add("x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/com.amazon.bedrock/");
    }
}
