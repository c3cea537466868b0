package dev.junction.provider.anthropic;

import static dev.junction.provider.anthropic.AnthropicFixtures.CLOCK;
import static dev.junction.provider.anthropic.AnthropicFixtures.UPSTREAM_MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.Surface;
import dev.junction.cluster.bus.SurfaceRequest;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.StreamTranslator;
import dev.junction.provider.UpstreamRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Messages API request of Junction's own surface, passed to an Anthropic deployment as the client sent it. */
class AnthropicPassThroughTest {
    private final AnthropicAdapter adapter = new AnthropicAdapter(CLOCK);

    private static JsonObject original() {
        return new JsonObject()
                .put("model", "claude-sonnet")
                .put("max_tokens", 100)
                .put(
                        "system",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("type", "text")
                                        .put("text", "Be brief")
                                        .put("cache_control", new JsonObject().put("type", "ephemeral"))))
                .put("metadata", new JsonObject().put("user_id", "u-1"))
                .put("thinking", new JsonObject().put("type", "enabled").put("budget_tokens", 2048))
                .put("num_retries", 1)
                .put(
                        "messages",
                        new JsonArray().add(new JsonObject().put("role", "user").put("content", "Hi")));
    }

    private static ProviderCall passedThrough(JsonObject original, JsonObject litellmParams) {
        ProviderCall chat = AnthropicFixtures.call(
                dev.junction.cluster.bus.Endpoint.CHAT_COMPLETIONS,
                new JsonObject().put("model", "claude-sonnet").put("messages", new JsonArray()),
                AnthropicFixtures.deployment(litellmParams));
        SurfaceRequest surface = new SurfaceRequest(
                Surface.MESSAGES,
                original,
                Map.of("anthropic-beta", "interleaved-thinking-2025-05-14", "anthropic-version", "2023-06-01"),
                List.of());
        return new ProviderCall(chat.request().withSurface(surface), chat.deployment(), chat.timeout());
    }

    @Test
    void the_request_goes_as_sent_with_the_model_replaced_and_the_gateways_fields_removed() {
        UpstreamRequest upstream = adapter.toUpstream(passedThrough(original(), new JsonObject()));

        JsonObject expected = original().put("model", UPSTREAM_MODEL);
        expected.remove("num_retries");
        assertThat(upstream.body().toJsonObject()).isEqualTo(expected);
        assertThat(upstream.url()).isEqualTo("https://api.anthropic.com/v1/messages");
        assertThat(upstream.headers().get("x-api-key")).isEqualTo(AnthropicFixtures.API_KEY);
        assertThat(upstream.headers().get("anthropic-beta")).isEqualTo("interleaved-thinking-2025-05-14");
    }

    @Test
    void a_deployments_configured_headers_win_over_the_clients() {
        JsonObject params = new JsonObject().put("extra_headers", new JsonObject().put("anthropic-beta", "configured"));

        UpstreamRequest upstream = adapter.toUpstream(passedThrough(original(), params));

        assertThat(upstream.headers().get("anthropic-beta")).isEqualTo("configured");
    }

    @Test
    void the_answer_is_relayed_as_it_came_with_its_usage_and_stop_reason_read() {
        Buffer answer = AnthropicFixtures.buffer("simple.anthropic-response.json");

        ProviderReply.Complete reply = adapter.fromUpstream(passedThrough(original(), new JsonObject()), answer);

        assertThat(reply.body()).isSameAs(answer);
        assertThat(reply.passedThrough()).isTrue();
        assertThat(reply.usage().promptTokens()).isEqualTo(16);
        assertThat(reply.usage().completionTokens()).isEqualTo(34);
        assertThat(reply.finishReason()).isEqualTo("stop");
    }

    @Test
    void an_error_body_with_a_success_status_is_still_an_error() {
        Buffer error = AnthropicFixtures.buffer("error-529.json");

        assertThatThrownBy(() -> adapter.fromUpstream(passedThrough(original(), new JsonObject()), error))
                .isInstanceOfSatisfying(GatewayException.class, failure -> assertThat(failure.kind())
                        .isEqualTo(ErrorKind.SERVICE_UNAVAILABLE));
    }

    @Test
    void a_stream_is_relayed_event_for_event_and_its_usage_read() {
        String sse = AnthropicFixtures.text("simple-streaming.anthropic-response.sse");
        StreamTranslator relay = adapter.streamTranslator(passedThrough(original(), new JsonObject()));

        List<String> frames = AnthropicFixtures.translate(relay, sse, 7);

        assertThat(String.join("", frames)).isEqualTo(sse.replace("\r\n", "\n"));
        assertThat(relay.failure()).isEmpty();
        assertThat(relay.usage().promptTokens()).isEqualTo(16);
        assertThat(relay.usage().completionTokens()).isGreaterThan(5);
    }

    @Test
    void an_error_event_fails_the_stream_and_is_left_to_the_stream_to_send_in_anthropics_shape() {
        String sse = AnthropicFixtures.text("error-mid-stream.anthropic-response.sse");
        StreamTranslator relay = adapter.streamTranslator(passedThrough(original(), new JsonObject()));

        List<String> frames = AnthropicFixtures.translate(relay, sse, 11);

        // The stream sends the one error event, redacted: the upstream's own is never relayed as it came.
        assertThat(String.join("", frames)).startsWith("event: message_start").doesNotContain("event: error");
        GatewayException failure = relay.failure().orElseThrow();
        assertThat(failure.kind()).isEqualTo(ErrorKind.SERVICE_UNAVAILABLE);
        String frame = relay.errorFrame(failure).toString();
        assertThat(frame).startsWith("event: error\ndata: ");
        JsonObject error =
                new JsonObject(frame.substring(frame.indexOf("data: ") + 6).strip());
        assertThat(error.getJsonObject("error").getString("type")).isEqualTo("overloaded_error");
        assertThat(error.getJsonObject("error").getString("message")).contains("Overloaded");
    }

    @Test
    void a_stream_cut_before_message_stop_fails_with_an_error_event_in_anthropics_shape() {
        String sse = AnthropicFixtures.text("simple-streaming.anthropic-response.sse");
        String cut = sse.substring(0, sse.indexOf("event: message_delta"));
        StreamTranslator relay = adapter.streamTranslator(passedThrough(original(), new JsonObject()));

        List<String> frames = AnthropicFixtures.translate(relay, cut, 64);

        assertThat(String.join("", frames)).isEqualTo(cut.replace("\r\n", "\n"));
        String frame = relay.errorFrame(relay.failure().orElseThrow()).toString();
        assertThat(frame).startsWith("event: error\ndata: ");
        JsonObject error =
                new JsonObject(frame.substring(frame.indexOf("data: ") + 6).strip());
        assertThat(error.getString("type")).isEqualTo("error");
        assertThat(error.getJsonObject("error").getString("type")).isEqualTo("api_error");
        assertThat(error.getJsonObject("error").getString("message")).contains("ended before the message");
    }
}
