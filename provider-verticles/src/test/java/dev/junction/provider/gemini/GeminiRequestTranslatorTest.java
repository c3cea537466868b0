package dev.junction.provider.gemini;

import static dev.junction.provider.gemini.GeminiFixtures.chat;
import static dev.junction.provider.gemini.GeminiFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.WireFixtures;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class GeminiRequestTranslatorTest {
    private final GeminiRequestTranslator aiStudio = new GeminiRequestTranslator(false, "GeminiException");
    private final GeminiRequestTranslator vertex = new GeminiRequestTranslator(true, "VertexAIException");

    private static JsonObject userSays(String text) {
        return new JsonObject()
                .put("model", "gemini-flash")
                .put(
                        "messages",
                        new JsonArray().add(new JsonObject().put("role", "user").put("content", text)));
    }

    @Test
    void system_prompt_history_image_and_sampling_become_contents_and_generation_config() {
        JsonObject body = aiStudio.toBody(chat(json("chat.openai-request.json")));

        assertThat(body).isEqualTo(json("chat.gemini-request.json"));
    }

    @Test
    void tools_calls_and_results_become_declarations_function_calls_and_named_responses() {
        JsonObject body = aiStudio.toBody(chat(json("tools.openai-request.json")));

        assertThat(body).isEqualTo(json("tools.gemini-request.json"));
    }

    @Test
    void a_json_schema_goes_as_json_schema_to_gemini_2_and_in_openapi_form_to_gemini_1() {
        JsonObject schema = new JsonObject()
                .put("type", "object")
                .put("properties", new JsonObject().put("name", new JsonObject().put("type", "string")))
                .put("additionalProperties", false);
        JsonObject request = userSays("Name a city")
                .put(
                        "response_format",
                        new JsonObject()
                                .put("type", "json_schema")
                                .put(
                                        "json_schema",
                                        new JsonObject().put("name", "city").put("schema", schema)));

        JsonObject gemini2 = aiStudio.toBody(chat(request)).getJsonObject("generationConfig");
        JsonObject gemini1 = aiStudio.toBody(WireFixtures.call(
                        Endpoint.CHAT_COMPLETIONS,
                        request,
                        GeminiFixtures.deployment("gemini-1.5-pro", new JsonObject())))
                .getJsonObject("generationConfig");

        assertThat(gemini2.getString("responseMimeType")).isEqualTo("application/json");
        assertThat(gemini2.getJsonObject("responseJsonSchema")).isEqualTo(schema);
        assertThat(gemini1.getJsonObject("responseSchema").containsKey("additionalProperties"))
                .isFalse();
    }

    @Test
    void reasoning_effort_is_a_thinking_budget_and_n_a_candidate_count() {
        JsonObject config = aiStudio.toBody(
                        chat(userSays("Think").put("reasoning_effort", "low").put("n", 2)))
                .getJsonObject("generationConfig");

        assertThat(config.getJsonObject("thinkingConfig"))
                .isEqualTo(new JsonObject().put("thinkingBudget", 1024).put("includeThoughts", true));
        assertThat(config.getInteger("candidateCount")).isEqualTo(2);
    }

    @Test
    void the_deployment_sets_defaults_that_the_request_overrides() {
        JsonObject params = new JsonObject().put("temperature", 0.1).put("max_completion_tokens", 50);
        JsonObject body = aiStudio.toBody(WireFixtures.call(
                Endpoint.CHAT_COMPLETIONS, userSays("Hi").put("max_tokens", 20), GeminiFixtures.deployment(params)));

        assertThat(body.getJsonObject("generationConfig"))
                .isEqualTo(new JsonObject().put("temperature", 0.1).put("maxOutputTokens", 20L));
    }

    @Test
    void an_http_image_is_refused_by_ai_studio_and_sent_by_reference_to_vertex() {
        JsonArray parts = new JsonArray()
                .add(new JsonObject().put("type", "text").put("text", "What is this?"))
                .add(new JsonObject()
                        .put("type", "image_url")
                        .put("image_url", new JsonObject().put("url", "https://example.com/cat.png?size=2")));
        JsonObject request = new JsonObject()
                .put("model", "gemini-flash")
                .put(
                        "messages",
                        new JsonArray().add(new JsonObject().put("role", "user").put("content", parts)));

        assertThatThrownBy(() -> aiStudio.toBody(chat(request))).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST);
            assertThat(e.param()).contains("messages");
            assertThat(e.getMessage()).contains("base64 data: URL");
        });
        JsonObject part = vertex.toBody(chat(request))
                .getJsonArray("contents")
                .getJsonObject(0)
                .getJsonArray("parts")
                .getJsonObject(1);
        assertThat(part)
                .isEqualTo(new JsonObject()
                        .put(
                                "fileData",
                                new JsonObject()
                                        .put("mimeType", "image/png")
                                        .put("fileUri", "https://example.com/cat.png?size=2")));
    }

    @Test
    void a_tool_result_for_an_unknown_call_is_refused_naming_messages() {
        JsonObject request = new JsonObject()
                .put("model", "gemini-flash")
                .put(
                        "messages",
                        new JsonArray()
                                .add(new JsonObject().put("role", "user").put("content", "Hi"))
                                .add(new JsonObject()
                                        .put("role", "tool")
                                        .put("tool_call_id", "call_nobody")
                                        .put("content", "42")));

        assertThatThrownBy(() -> aiStudio.toBody(chat(request)))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.param()).contains("messages"));
    }

    @Test
    void a_field_of_the_wrong_type_is_a_bad_request_not_a_crash() {
        JsonObject request = userSays("Hi").put("tools", new JsonArray().add(new JsonObject().put("function", 7)));

        assertThatThrownBy(() -> aiStudio.toBody(chat(request)))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST));
    }
}
