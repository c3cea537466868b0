package dev.junction.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.Surface;
import dev.junction.cluster.bus.SurfaceRequest;
import dev.junction.config.Deployment;
import dev.junction.config.Secret;
import dev.junction.provider.ProviderAdapter;
import dev.junction.provider.StreamTranslator;
import dev.junction.provider.UpstreamRequest;
import dev.junction.provider.WireFixtures;
import dev.junction.provider.azure.AzureAdapter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Responses API request of Junction's own surface: OpenAI and Azure are sent it as the client sent it, an
 * OpenAI-compatible server its translation to chat.
 */
class ResponsesPassThroughTest {
    private static final JsonObject CHAT = new JsonObject()
            .put("model", "my-model")
            .put(
                    "messages",
                    new JsonArray().add(new JsonObject().put("role", "user").put("content", "Hi")));

    private static JsonObject original() {
        return new JsonObject()
                .put("model", "my-model")
                .put(
                        "input",
                        new JsonArray().add(new JsonObject().put("role", "user").put("content", "Hi")))
                .put("tools", new JsonArray().add(new JsonObject().put("type", "web_search")))
                .put("metadata", new JsonObject().put("ticket", "42"))
                .put("previous_response_id", "resp_earlier")
                .put("mock_testing_fallbacks", false);
    }

    private static ProviderCall call(Deployment deployment, boolean stream) {
        ProviderCall chat =
                WireFixtures.call(Endpoint.CHAT_COMPLETIONS, CHAT.copy().put("stream", stream), deployment);
        SurfaceRequest surface = new SurfaceRequest(
                Surface.RESPONSES, original(), Map.of(), List.of("tools[0] (built-in tool web_search)"));
        return new ProviderCall(chat.request().withSurface(surface), deployment, chat.timeout());
    }

    @Test
    void openai_is_sent_the_request_as_sent_without_the_gateways_fields_or_junctions_previous_id() {
        UpstreamRequest upstream =
                new OpenAiAdapter().toUpstream(call(WireFixtures.openAi("gpt-4o", new JsonObject()), false));

        assertThat(upstream.url()).isEqualTo(WireFixtures.OPENAI_BASE + "/responses");
        JsonObject expected = original().put("model", "gpt-4o");
        expected.remove("previous_response_id");
        expected.remove("mock_testing_fallbacks");
        assertThat(upstream.body().toJsonObject()).isEqualTo(expected);
    }

    @Test
    void azure_is_sent_it_at_its_responses_url_with_the_deployment_as_model() {
        UpstreamRequest upstream =
                new AzureAdapter().toUpstream(call(WireFixtures.azure("prod-4o", new JsonObject()), false));

        assertThat(upstream.url()).isEqualTo(WireFixtures.AZURE_BASE + "/openai/responses?api-version=2024-10-21");
        assertThat(upstream.headers().get("api-key")).isEqualTo(WireFixtures.AZURE_KEY);
        assertThat(upstream.body().toJsonObject().getString("model")).isEqualTo("prod-4o");
    }

    @Test
    void a_compatible_server_is_sent_the_chat_translation() {
        Deployment vllm = WireFixtures.deployment(
                "hosted_vllm", "llama", "http://vllm:8000/v1", Secret.of("k"), new JsonObject());
        ProviderAdapter adapter = new OpenAiAdapter();

        UpstreamRequest upstream = adapter.toUpstream(call(vllm, false));

        assertThat(adapter.speaksNatively(Surface.RESPONSES, vllm)).isFalse();
        assertThat(upstream.url()).isEqualTo("http://vllm:8000/v1/chat/completions");
        assertThat(upstream.body().toJsonObject().getJsonArray("messages")).isEqualTo(CHAT.getJsonArray("messages"));
    }

    @Test
    void a_whole_answer_is_relayed_with_its_usage_and_how_it_ended_read() {
        Buffer answer = new JsonObject()
                .put("id", "resp_1")
                .put("object", "response")
                .put("status", "incomplete")
                .put("incomplete_details", new JsonObject().put("reason", "content_filter"))
                .put(
                        "usage",
                        new JsonObject()
                                .put("input_tokens", 12)
                                .put("output_tokens", 3)
                                .put("total_tokens", 15))
                .toBuffer();

        ProviderReply.Complete reply =
                new OpenAiAdapter().fromUpstream(call(WireFixtures.openAi("gpt-4o", new JsonObject()), false), answer);

        assertThat(reply.body()).isSameAs(answer);
        assertThat(reply.passedThrough()).isTrue();
        assertThat(reply.usage().promptTokens()).isEqualTo(12);
        assertThat(reply.usage().completionTokens()).isEqualTo(3);
        assertThat(reply.finishReason()).isEqualTo("content_filter");
    }

    private static String event(String type, JsonObject fields) {
        return "event: " + type + "\ndata: " + fields.put("type", type).encode() + "\n\n";
    }

    @Test
    void a_stream_is_relayed_as_it_came_and_its_usage_read_from_the_completed_event() {
        JsonObject usage =
                new JsonObject().put("input_tokens", 7).put("output_tokens", 2).put("total_tokens", 9);
        String sse = event("response.created", new JsonObject().put("sequence_number", 0))
                + event(
                        "response.output_text.delta",
                        new JsonObject().put("delta", "Hi").put("sequence_number", 1))
                + event(
                        "response.completed",
                        new JsonObject()
                                .put("sequence_number", 2)
                                .put("response", new JsonObject().put("usage", usage)));
        StreamTranslator relay =
                new OpenAiAdapter().streamTranslator(call(WireFixtures.openAi("gpt-4o", new JsonObject()), true));

        List<String> frames = WireFixtures.translate(relay, sse, 5);

        assertThat(String.join("", frames)).isEqualTo(sse);
        assertThat(relay.usage().totalTokens()).isEqualTo(9);
        assertThat(relay.failure()).isEmpty();
    }

    @Test
    void a_stream_cut_before_it_completed_fails_with_the_responses_apis_error_event() {
        String sse = event("response.created", new JsonObject().put("sequence_number", 0))
                + event(
                        "response.output_text.delta",
                        new JsonObject().put("delta", "Hi").put("sequence_number", 1));
        StreamTranslator relay =
                new OpenAiAdapter().streamTranslator(call(WireFixtures.openAi("gpt-4o", new JsonObject()), true));

        List<String> frames = WireFixtures.translate(relay, sse, 64);

        // The stream sends the error event (redacted) after the frames: the relay only names the failure.
        assertThat(String.join("", frames)).isEqualTo(sse);
        String frame = relay.errorFrame(relay.failure().orElseThrow()).toString();
        assertThat(frame).startsWith("event: error\n");
        JsonObject error =
                new JsonObject(frame.substring(frame.indexOf("data: ") + 6).strip());
        assertThat(error.getString("type")).isEqualTo("error");
        assertThat(error.getLong("sequence_number")).isEqualTo(2);
        assertThat(error.getString("message")).contains("ended before the response was complete");
    }

    @Test
    void a_failed_response_is_not_relayed_as_it_came_but_ends_the_stream_as_its_failure() {
        JsonObject failed = new JsonObject()
                .put("sequence_number", 2)
                .put(
                        "response",
                        new JsonObject()
                                .put("status", "failed")
                                .put(
                                        "error",
                                        new JsonObject()
                                                .put("code", "server_error")
                                                .put("message", "upstream saw Bearer sk-proj-abcdef123456")));
        String sse = event("response.created", new JsonObject().put("sequence_number", 0))
                + event(
                        "response.output_text.delta",
                        new JsonObject().put("delta", "Hi").put("sequence_number", 1))
                + event("response.failed", failed);
        StreamTranslator relay =
                new OpenAiAdapter().streamTranslator(call(WireFixtures.openAi("gpt-4o", new JsonObject()), true));

        List<String> frames = WireFixtures.translate(relay, sse, 7);

        assertThat(frames).hasSize(2);
        assertThat(String.join("", frames)).doesNotContain("sk-proj-abcdef123456");
        assertThat(relay.failure().orElseThrow().getMessage()).contains("upstream saw");
    }
}
