package dev.junction.provider.openai;

import static dev.junction.provider.WireFixtures.OPENAI_KEY;
import static dev.junction.provider.WireFixtures.buffer;
import static dev.junction.provider.WireFixtures.call;
import static dev.junction.provider.WireFixtures.json;
import static dev.junction.provider.WireFixtures.openAi;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.ProviderCall;
import dev.junction.config.Deployment;
import dev.junction.provider.RequestBodies;
import dev.junction.provider.UpstreamRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class OpenAiAdapterTest {
    private final OpenAiAdapter adapter = new OpenAiAdapter();

    @ParameterizedTest
    @CsvSource({
        "CHAT_COMPLETIONS, openai/chat.request.json, https://api.openai.com/v1/chat/completions",
        "COMPLETIONS, openai/completion.request.json, https://api.openai.com/v1/completions",
        "EMBEDDINGS, openai/embeddings.request.json, https://api.openai.com/v1/embeddings"
    })
    void each_endpoint_goes_to_its_path_under_the_api_base(Endpoint endpoint, String request, String url) {
        Deployment deployment = openAi(json(request).getString("model"), new JsonObject());

        assertThat(adapter.toUpstream(call(endpoint, buffer(request), deployment))
                        .url())
                .isEqualTo(url);
    }

    @Test
    void a_custom_api_base_of_an_openai_compatible_server_is_used_as_given() {
        Deployment vllm = openAi("meta-llama/Llama-3.1-8B-Instruct", new JsonObject(), "http://10.0.0.5:8000/v1");

        UpstreamRequest upstream =
                adapter.toUpstream(call(Endpoint.CHAT_COMPLETIONS, json("openai/chat.request.json"), vllm));

        assertThat(upstream.url()).isEqualTo("http://10.0.0.5:8000/v1/chat/completions");
        assertThat(upstream.body().toJsonObject().getString("model")).isEqualTo("meta-llama/Llama-3.1-8B-Instruct");
    }

    @Test
    void the_key_goes_as_a_bearer_token_with_the_organization_and_json_headers() {
        Deployment deployment = openAi("gpt-4o-mini", new JsonObject().put("organization", "org-6Cq2cTnX"));

        UpstreamRequest upstream =
                adapter.toUpstream(call(Endpoint.CHAT_COMPLETIONS, buffer("openai/chat.request.json"), deployment));

        assertThat(upstream.headers().get("authorization")).isEqualTo("Bearer " + OPENAI_KEY);
        assertThat(upstream.headers().get("openai-organization")).isEqualTo("org-6Cq2cTnX");
        assertThat(upstream.headers().get("content-type")).isEqualTo("application/json");
    }

    @Test
    void a_deployment_without_a_key_sends_no_authorization_and_no_organization_header() {
        Deployment keyless = new Deployment(
                "local",
                "local-model",
                "openai/llama3",
                openAi("llama3", new JsonObject()).provider(),
                "llama3",
                "http://localhost:11434/v1",
                null,
                new JsonObject(),
                new JsonObject());

        UpstreamRequest upstream =
                adapter.toUpstream(call(Endpoint.CHAT_COMPLETIONS, json("openai/chat.request.json"), keyless));

        assertThat(upstream.headers().contains("authorization")).isFalse();
        assertThat(upstream.headers().contains("openai-organization")).isFalse();
    }

    @Test
    void extra_headers_and_headers_of_the_deployment_are_sent_and_extra_headers_win() {
        JsonObject params = new JsonObject()
                .put("headers", new JsonObject().put("x-team", "search").put("x-shared", "from-headers"))
                .put(
                        "extra_headers",
                        new JsonObject().put("x-shared", "from-extra").put("x-priority", 2));

        UpstreamRequest upstream = adapter.toUpstream(
                call(Endpoint.CHAT_COMPLETIONS, json("openai/chat.request.json"), openAi("gpt-4o-mini", params)));

        assertThat(upstream.headers().get("x-team")).isEqualTo("search");
        assertThat(upstream.headers().getAll("x-shared")).containsExactly("from-extra");
        assertThat(upstream.headers().get("x-priority")).isEqualTo("2");
    }

    @Test
    void the_model_is_replaced_by_the_upstream_name() {
        JsonObject request = json("openai/chat.request.json").put("model", "my-model");

        JsonObject sent = upstreamBody(request, openAi("gpt-4o-mini-2024-07-18", new JsonObject()));

        assertThat(sent.getString("model")).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(sent.getJsonArray("messages")).isEqualTo(request.getJsonArray("messages"));
    }

    static Stream<String> gatewayParams() {
        return RequestBodies.GATEWAY_PARAMS.stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("gatewayParams")
    void a_gateway_only_field_is_never_forwarded(String field) {
        JsonObject request = json("openai/chat.request.json").put(field, "x");

        JsonObject sent = upstreamBody(request, openAi("gpt-4o-mini", new JsonObject()));

        assertThat(sent.fieldNames()).doesNotContain(field);
        assertThat(sent.getInteger("max_tokens")).isEqualTo(4000);
    }

    @Test
    void deployment_defaults_fill_in_only_what_the_request_leaves_out() {
        JsonObject defaults = new JsonObject()
                .put("temperature", 0.2)
                .put("max_tokens", 256)
                .put("seed", 7)
                .put("top_p", 0.9);
        JsonObject request =
                json("openai/chat.request.json").put("temperature", 1.0).put("seed", 42);

        JsonObject sent = upstreamBody(request, openAi("gpt-4o-mini", defaults));

        assertThat(sent.getDouble("temperature")).isEqualTo(1.0);
        assertThat(sent.getInteger("seed")).isEqualTo(42);
        assertThat(sent.getInteger("max_tokens")).isEqualTo(4000);
        assertThat(sent.getDouble("top_p")).isEqualTo(0.9);
    }

    @Test
    void credentials_limits_and_routing_settings_of_the_deployment_never_reach_the_body() {
        JsonObject params = new JsonObject()
                .put("model", "openai/gpt-4o-mini")
                .put("api_key", OPENAI_KEY)
                .put("api_base", "https://api.openai.com/v1")
                .put("organization", "org-1")
                .put("rpm", 100)
                .put("tpm", 10000)
                .put("timeout", 30)
                .put("weight", 2)
                .put("mock_response", "hi")
                .put("extra_headers", new JsonObject().put("x-a", "b"))
                .put("temperature", 0.3);

        JsonObject sent = upstreamBody(json("openai/chat.request.json"), openAi("gpt-4o-mini", params));

        assertThat(sent.fieldNames()).containsExactlyInAnyOrder("messages", "model", "max_tokens", "temperature");
        assertThat(sent.encode()).doesNotContain(OPENAI_KEY);
    }

    static Stream<Arguments> openAiParameters() {
        JsonArray tools = json("openai/tool-call.request.json").getJsonArray("tools");
        return Stream.of(
                Arguments.of("tools", tools),
                Arguments.of(
                        "tool_choice",
                        new JsonObject()
                                .put("type", "function")
                                .put("function", new JsonObject().put("name", "weather"))),
                Arguments.of("parallel_tool_calls", false),
                Arguments.of(
                        "response_format",
                        new JsonObject()
                                .put("type", "json_schema")
                                .put(
                                        "json_schema",
                                        new JsonObject()
                                                .put("name", "answer")
                                                .put("strict", true)
                                                .put("schema", new JsonObject().put("type", "object")))),
                Arguments.of("logprobs", true),
                Arguments.of("top_logprobs", 3),
                Arguments.of("n", 2),
                Arguments.of("seed", 1234),
                Arguments.of("stream_options", new JsonObject().put("include_usage", true)),
                Arguments.of("stop", new JsonArray().add("\n\n").add("END")),
                Arguments.of("logit_bias", new JsonObject().put("50256", -100)),
                Arguments.of("user", "user-123"),
                Arguments.of("max_completion_tokens", 512),
                Arguments.of("reasoning_effort", "low"),
                Arguments.of("frequency_penalty", 0.5),
                Arguments.of("presence_penalty", -0.5),
                Arguments.of("service_tier", "flex"),
                Arguments.of("store", true),
                Arguments.of("modalities", new JsonArray().add("text")),
                Arguments.of(
                        "prediction", new JsonObject().put("type", "content").put("content", "draft")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("openAiParameters")
    void every_openai_parameter_passes_through_untouched(String field, Object value) {
        JsonObject request =
                json("openai/chat.request.json").put("model", "my-model").put(field, value);

        JsonObject sent = upstreamBody(request, openAi("gpt-4o-mini", new JsonObject()));

        assertThat(sent.getValue(field)).isEqualTo(value);
    }

    @Test
    void the_clients_bytes_are_forwarded_as_they_are_when_nothing_needs_changing() {
        // Odd spacing and an escaped character: any re-encoding would show.
        Buffer raw = Buffer.buffer("{ \"model\" : \"gpt-4o-mini\",\n  \"messages\": [{\"role\": \"user\","
                + " \"content\": \"Ol\\u00e1\"}], \"temperature\": 1.0, \"seed\": 7 }");
        ProviderCall call =
                call(Endpoint.CHAT_COMPLETIONS, raw, openAi("gpt-4o-mini", new JsonObject().put("seed", 1)));

        assertThat(RequestBodies.passesThroughUnchanged(call)).isTrue();
        assertThat(adapter.toUpstream(call).body().getBytes()).isEqualTo(raw.getBytes());
    }

    @Test
    void the_recorded_tool_request_goes_upstream_byte_for_byte() {
        Buffer raw = buffer("openai/tool-call.request.json");

        UpstreamRequest upstream =
                adapter.toUpstream(call(Endpoint.CHAT_COMPLETIONS, raw, openAi("gpt-4o-mini", new JsonObject())));

        assertThat(upstream.body().toString()).isEqualTo(raw.toString());
    }

    @Test
    void the_body_is_re_encoded_when_a_default_must_be_added() {
        Buffer raw = buffer("openai/chat.request.json");
        ProviderCall call =
                call(Endpoint.CHAT_COMPLETIONS, raw, openAi("gpt-4o-mini", new JsonObject().put("temperature", 0.1)));

        assertThat(RequestBodies.passesThroughUnchanged(call)).isFalse();
        assertThat(adapter.toUpstream(call).body().toJsonObject())
                .isEqualTo(raw.toJsonObject().put("temperature", 0.1));
    }

    @Test
    void the_body_is_re_encoded_when_a_gateway_field_must_be_removed() {
        Buffer raw = buffer("openai/chat.request.json");
        JsonObject withMetadata = raw.toJsonObject().put("metadata", new JsonObject().put("tag", "a"));
        ProviderCall call = call(Endpoint.CHAT_COMPLETIONS, withMetadata, openAi("gpt-4o-mini", new JsonObject()));

        assertThat(RequestBodies.passesThroughUnchanged(call)).isFalse();
        assertThat(adapter.toUpstream(call).body().toJsonObject()).isEqualTo(raw.toJsonObject());
    }

    @Test
    void the_clients_parsed_body_is_not_modified() {
        JsonObject request =
                json("openai/chat.request.json").put("model", "my-model").put("mock_timeout", false);
        JsonObject before = request.copy();

        upstreamBody(request, openAi("gpt-4o-mini", new JsonObject().put("temperature", 0.5)));

        assertThat(request).isEqualTo(before);
    }

    private JsonObject upstreamBody(JsonObject request, Deployment deployment) {
        return adapter.toUpstream(call(Endpoint.CHAT_COMPLETIONS, request, deployment))
                .body()
                .toJsonObject();
    }
}
