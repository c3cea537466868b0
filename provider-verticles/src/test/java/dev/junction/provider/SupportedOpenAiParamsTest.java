package dev.junction.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.ProviderCall;
import dev.junction.config.ProviderCatalog;
import dev.junction.config.Secret;
import dev.junction.provider.params.UnsupportedParams;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each provider's list, checked through the rule as the provider verticle applies it. */
class SupportedOpenAiParamsTest {

    private static ProviderCall chat(String prefix, String model, JsonObject extra) {
        JsonObject body = new JsonObject()
                .put("model", "my-model")
                .put(
                        "messages",
                        new JsonArray().add(new JsonObject().put("role", "user").put("content", "hi")))
                .mergeIn(extra);
        return WireFixtures.call(
                Endpoint.CHAT_COMPLETIONS,
                body,
                WireFixtures.deployment(prefix, model, "http://127.0.0.1:1", Secret.of("k"), null));
    }

    private static ProviderCall checked(ProviderCall call) {
        ProviderAdapter adapter =
                ProviderVerticles.adapterFor(call.deployment().family()).get();
        return UnsupportedParams.apply(call, adapter.supportedOpenAiParams(call));
    }

    @ParameterizedTest(name = "{0}/{1} refuses {2}")
    @CsvSource({
        "anthropic, claude-3-5-haiku, logit_bias",
        "anthropic, claude-3-5-haiku, seed",
        "anthropic, claude-3-5-haiku, response_format",
        "bedrock, anthropic.claude-3-haiku-20240307-v1:0, presence_penalty",
        "bedrock, anthropic.claude-3-haiku-20240307-v1:0, n",
        "gemini, gemini-2.0-flash, logit_bias",
        "vertex_ai, gemini-2.0-flash, logit_bias",
        "vertex_ai, claude-3-5-haiku@20241022, seed",
        "cohere_chat, command-r, logit_bias",
        "cohere_chat, command-r, n",
        "ollama, llama3, tools",
        "ollama_chat, llama3, logit_bias",
        "sagemaker, my-endpoint, seed",
    })
    void a_translating_provider_refuses_what_its_translation_cannot_carry(String prefix, String model, String param) {
        JsonObject extra = new JsonObject().put(param, "n".equals(param) ? (Object) 2 : new JsonArray());

        assertThatThrownBy(() -> checked(chat(prefix, model, extra)))
                .hasMessageContaining(prefix + " does not support parameters: ['" + param + "']");
    }

    @ParameterizedTest(name = "{0}/{1} takes {2}")
    @CsvSource({
        "anthropic, claude-3-5-haiku, tools",
        "anthropic, claude-3-5-haiku, thinking",
        "bedrock, anthropic.claude-3-haiku-20240307-v1:0, tool_choice",
        "gemini, gemini-2.0-flash, seed",
        "gemini, gemini-2.0-flash, top_logprobs",
        "vertex_ai, claude-3-5-haiku@20241022, max_completion_tokens",
        "cohere_chat, command-r, response_format",
        "ollama, llama3, frequency_penalty",
        "ollama_chat, llama3, tools",
        "sagemaker, my-endpoint, n",
        "sagemaker_chat, my-endpoint, logit_bias",
        "huggingface, meta-llama/Llama-3.1-8B-Instruct, logit_bias",
        "openai, gpt-4o, logit_bias",
        "azure, gpt-4o, logit_bias",
    })
    void supported_parameters_pass_to_the_translation(String prefix, String model, String param) {
        ProviderCall call = chat(prefix, model, new JsonObject().put(param, 1));

        assertThat(checked(call)).isSameAs(call);
    }

    @org.junit.jupiter.api.Test
    void with_drop_params_the_translated_anthropic_body_has_no_trace_of_the_parameter() {
        ProviderCall call = chat(
                "anthropic",
                "claude-3-5-haiku",
                new JsonObject()
                        .put("logit_bias", new JsonObject().put("50256", -100))
                        .put("drop_params", true));

        ProviderCall kept = checked(call);
        JsonObject sent = ProviderVerticles.adapterFor(call.deployment().family())
                .get()
                .toUpstream(kept)
                .body()
                .toJsonObject();

        assertThat(sent.fieldNames()).doesNotContain("logit_bias", "drop_params");
        assertThat(ProviderCatalog.byPrefix("anthropic")).isPresent();
    }
}
