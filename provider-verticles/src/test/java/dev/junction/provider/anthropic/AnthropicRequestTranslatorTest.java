package dev.junction.provider.anthropic;

import static dev.junction.provider.anthropic.AnthropicFixtures.CLOCK;
import static dev.junction.provider.anthropic.AnthropicFixtures.buffer;
import static dev.junction.provider.anthropic.AnthropicFixtures.call;
import static dev.junction.provider.anthropic.AnthropicFixtures.deployment;
import static dev.junction.provider.anthropic.AnthropicFixtures.json;
import static dev.junction.provider.anthropic.AnthropicFixtures.upstreamBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnthropicRequestTranslatorTest {

    @ParameterizedTest
    @ValueSource(strings = {"simple", "simple-streaming", "multi-tool-turn1", "multi-tool-turn2"})
    void translates_to_the_recorded_anthropic_request(String stem) {
        JsonObject translated = upstreamBody(json(stem + ".openai-request.json"));

        assertThat(translated).isEqualTo(json(stem + ".anthropic-request.json"));
    }

    @Test
    void the_translated_answer_sent_back_with_tool_results_is_the_recorded_second_turn() {
        AnthropicAdapter adapter = new AnthropicAdapter(CLOCK);
        JsonObject turn1 = json("multi-tool-turn1.openai-request.json");
        JsonObject answer = adapter.fromUpstream(
                        AnthropicFixtures.chat(turn1), buffer("multi-tool-turn1.anthropic-response.json"))
                .body()
                .toJsonObject();
        JsonObject assistant = answer.getJsonArray("choices").getJsonObject(0).getJsonObject("message");
        JsonArray toolCalls = assistant.getJsonArray("tool_calls");
        JsonArray messages = turn1.getJsonArray("messages")
                .copy()
                .add(assistant)
                .add(toolMessage(toolCalls.getJsonObject(0).getString("id"), "5"))
                .add(toolMessage(toolCalls.getJsonObject(1).getString("id"), "6"));

        assertThat(upstreamBody(turn1.copy().put("messages", messages)))
                .isEqualTo(json("multi-tool-turn2.anthropic-request.json"));
    }

    @Test
    void defaults_max_tokens_to_4096_because_anthropic_requires_it() {
        JsonObject request = json("simple.openai-request.json");
        request.remove("max_tokens");

        assertThat(upstreamBody(request).getLong("max_tokens")).isEqualTo(4096L);
    }

    @Test
    void takes_max_completion_tokens_as_max_tokens() {
        JsonObject request = json("simple.openai-request.json");
        request.remove("max_tokens");
        request.put("max_completion_tokens", 256);

        assertThat(upstreamBody(request).getLong("max_tokens")).isEqualTo(256L);
    }

    @Test
    void deployment_defaults_fill_in_what_the_request_leaves_out() {
        JsonObject defaults =
                new JsonObject().put("temperature", 0.2).put("max_tokens", 1000).put("top_k", 5);
        JsonObject request = json("simple.openai-request.json");
        request.remove("max_tokens");

        JsonObject body = translate(request, defaults);

        assertThat(body.getDouble("temperature")).isEqualTo(0.2);
        assertThat(body.getLong("max_tokens")).isEqualTo(1000L);
        assertThat(body.getInteger("top_k")).isEqualTo(5);
    }

    @Test
    void the_requests_own_values_beat_the_deployment_defaults() {
        JsonObject defaults = new JsonObject().put("temperature", 0.2).put("max_completion_tokens", 1000);
        JsonObject request =
                json("simple.openai-request.json").put("temperature", 0.9).put("max_tokens", 50);

        JsonObject body = translate(request, defaults);

        assertThat(body.getDouble("temperature")).isEqualTo(0.9);
        assertThat(body.getLong("max_tokens")).isEqualTo(50L);
    }

    @Test
    void an_explicit_null_in_the_request_keeps_the_default() {
        JsonObject defaults = new JsonObject().put("temperature", 0.2);
        JsonObject request = json("simple.openai-request.json").putNull("temperature");

        assertThat(translate(request, defaults).getDouble("temperature")).isEqualTo(0.2);
    }

    @Test
    void copies_sampling_parameters_and_the_user_as_metadata_user_id() {
        JsonObject request = json("simple.openai-request.json")
                .put("temperature", 0.7)
                .put("top_p", 0.9)
                .put("top_k", 40)
                .put("user", "user-42");

        JsonObject body = upstreamBody(request);

        assertThat(body.getDouble("temperature")).isEqualTo(0.7);
        assertThat(body.getDouble("top_p")).isEqualTo(0.9);
        assertThat(body.getInteger("top_k")).isEqualTo(40);
        assertThat(body.getJsonObject("metadata")).isEqualTo(new JsonObject().put("user_id", "user-42"));
    }

    @Test
    void a_single_stop_string_becomes_a_list_of_stop_sequences() {
        JsonObject body = upstreamBody(json("simple.openai-request.json").put("stop", "END"));

        assertThat(body.getJsonArray("stop_sequences")).isEqualTo(new JsonArray().add("END"));
    }

    @Test
    void a_stop_list_drops_whitespace_only_sequences_anthropic_would_reject() {
        JsonArray stop = new JsonArray().add("END").add("\n").add("###");

        JsonObject body = upstreamBody(json("simple.openai-request.json").put("stop", stop));

        assertThat(body.getJsonArray("stop_sequences"))
                .isEqualTo(new JsonArray().add("END").add("###"));
    }

    @Test
    void never_forwards_litellm_only_or_unsupported_openai_parameters() {
        JsonObject request = json("simple.openai-request.json")
                .put("mock_response", "hi")
                .put("fallbacks", new JsonArray().add("gpt-4o"))
                .put("num_retries", 3)
                .put("timeout", 10)
                .put("metadata", new JsonObject().put("tags", new JsonArray().add("a")))
                .put("api_key", "sk-client")
                .put("api_base", "https://elsewhere")
                .put("mock_testing_fallbacks", true)
                .put("disable_fallbacks", true)
                .put("stream_options", new JsonObject().put("include_usage", true))
                .put("n", 2)
                .put("seed", 7);

        assertThat(upstreamBody(request)).isEqualTo(json("simple.anthropic-request.json"));
    }

    @Test
    void the_model_is_always_the_deployments_upstream_model() {
        JsonObject request = json("simple.openai-request.json").put("model", "something-else");

        assertThat(upstreamBody(request).getString("model")).isEqualTo(AnthropicFixtures.UPSTREAM_MODEL);
    }

    @Test
    void a_field_of_the_wrong_json_type_is_a_bad_request() {
        JsonObject request = json("simple.openai-request.json").put("tools", "not-a-list");

        assertThatThrownBy(() -> upstreamBody(request))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST));
    }

    private static JsonObject translate(JsonObject request, JsonObject defaults) {
        return new AnthropicAdapter(CLOCK)
                .toUpstream(call(Endpoint.CHAT_COMPLETIONS, request, deployment(defaults)))
                .body()
                .toJsonObject();
    }

    private static JsonObject toolMessage(String id, String content) {
        return new JsonObject().put("role", "tool").put("tool_call_id", id).put("content", content);
    }
}
