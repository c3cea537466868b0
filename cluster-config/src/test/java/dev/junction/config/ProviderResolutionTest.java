package dev.junction.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Provider, upstream model and endpoint of a deployment, from its {@code litellm_params}. */
class ProviderResolutionTest {

    private static Deployment only(String params) {
        return TestYaml.parse("model_list:\n  - model_name: m\n    litellm_params: " + params + "\n")
                .deployments()
                .get(0);
    }

    @ParameterizedTest
    @CsvSource({
        "gpt-3.5-turbo, openai, gpt-3.5-turbo, https://api.openai.com/v1",
        "text-embedding-ada-002, openai, text-embedding-ada-002, https://api.openai.com/v1",
        "claude-3-opus, anthropic, claude-3-opus, https://api.anthropic.com",
        "openai/facebook/opt-125m, openai, facebook/opt-125m, https://api.openai.com/v1",
        "anthropic/claude-3-5-haiku-20241022, anthropic, claude-3-5-haiku-20241022, https://api.anthropic.com",
        "groq/llama3-8b-8192, groq, llama3-8b-8192, https://api.groq.com/openai/v1",
        "ollama/mistral, ollama, mistral, http://localhost:11434",
        "gemini/gemini-2.0-flash, gemini, gemini-2.0-flash, https://generativelanguage.googleapis.com/v1beta",
        "vertex_ai/gemini-1.5-pro, vertex_ai, gemini-1.5-pro, https://aiplatform.googleapis.com",
        "cohere_chat/command-r, cohere_chat, command-r, https://api.cohere.com",
        "huggingface/meta-llama/Llama-3.1-8B-Instruct, huggingface, meta-llama/Llama-3.1-8B-Instruct, "
                + "https://router.huggingface.co",
        "codestral/codestral-latest, codestral, codestral-latest, https://codestral.mistral.ai/v1",
        "'*', openai, '*', https://api.openai.com/v1",
        "openai/*, openai, '*', https://api.openai.com/v1",
        "anthropic/*, anthropic, '*', https://api.anthropic.com"
    })
    void provider_comes_from_the_prefix_or_the_bare_name(String model, String prefix, String upstream, String base) {
        Deployment deployment = only("{model: \"" + model + "\"}");
        assertThat(deployment.provider().prefix()).isEqualTo(prefix);
        assertThat(deployment.upstreamModel()).isEqualTo(upstream);
        assertThat(deployment.apiBase()).isEqualTo(base);
        assertThat(deployment.litellmModel()).isEqualTo(model);
    }

    @Test
    void azure_sends_the_deployment_name_upstream() {
        Deployment deployment = only("{model: azure/chatgpt-v-2, api_base: 'https://eu.openai.azure.com/'}");
        assertThat(deployment.family()).isEqualTo(ProviderFamily.AZURE);
        assertThat(deployment.upstreamModel()).isEqualTo("chatgpt-v-2");
        assertThat(deployment.apiBase()).isEqualTo("https://eu.openai.azure.com");
    }

    @Test
    void custom_llm_provider_overrides_the_prefix_check() {
        Deployment plain = only("{model: llama3-8b, custom_llm_provider: groq}");
        assertThat(plain.provider().prefix()).isEqualTo("groq");
        assertThat(plain.upstreamModel()).isEqualTo("llama3-8b");
        Deployment repeated = only("{model: groq/llama3-8b, custom_llm_provider: groq}");
        assertThat(repeated.upstreamModel()).isEqualTo("llama3-8b");
    }

    @Test
    void an_unknown_prefix_fails_listing_the_supported_ones() {
        assertThatThrownBy(
                        () -> TestYaml.parse(
                                """
                        model_list:
                          - {model_name: a, litellm_params: {model: openai/gpt-4o}}
                          - {model_name: b, litellm_params: {model: gpt-4o}}
                          - {model_name: c, litellm_params: {model: claude-3-opus}}
                          - {model_name: d, litellm_params: {model: bedrock/anthropic.claude-v1}}
                        """))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("model_list[3].litellm_params.model: unknown provider prefix 'bedrock' in "
                        + "'bedrock/anthropic.claude-v1'; supported: openai, ")
                .hasMessageContaining("azure")
                .hasMessageContaining("anthropic");
    }

    @Test
    void an_unknown_custom_llm_provider_fails() {
        assertThatThrownBy(() -> only("{model: x, custom_llm_provider: sagemaker}"))
                .hasMessageStartingWith(
                        "model_list[0].litellm_params.custom_llm_provider: unknown provider 'sagemaker'; supported: ");
    }

    @Test
    void a_prefix_without_a_model_fails() {
        assertThatThrownBy(() -> only("{model: openai/}"))
                .hasMessage("model_list[0].litellm_params.model: no model name after 'openai/'");
    }

    @Test
    void api_base_loses_trailing_slashes_and_ollama_keeps_its_native_root() {
        assertThat(only("{model: openai/x, api_base: 'http://0.0.0.0:4000/v1/'}")
                        .apiBase())
                .isEqualTo("http://0.0.0.0:4000/v1");
        assertThat(only("{model: ollama/mistral, api_base: 'http://gpu:11434/'}")
                        .apiBase())
                .isEqualTo("http://gpu:11434");
        assertThat(only("{model: ollama_chat/mistral, api_base: 'http://gpu:11434'}")
                        .apiBase())
                .isEqualTo("http://gpu:11434");
    }

    @ParameterizedTest
    @CsvSource({
        "azure/gpt-4o, azure",
        "hosted_vllm/llama, hosted_vllm",
        "lm_studio/x, lm_studio",
        "xinference/bge, xinference",
        "custom_openai/x, custom_openai"
    })
    void providers_without_a_public_endpoint_need_api_base(String model, String prefix) {
        assertThatThrownBy(() -> only("{model: " + model + "}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("model_list[0].litellm_params.api_base: is required for provider '" + prefix
                        + "' (or set mock_response)");
    }

    @Test
    void a_mocked_deployment_needs_no_api_base() {
        Deployment mocked = only("{model: azure/gpt-4o, mock_response: hi}");
        assertThat(mocked.apiBase()).isNull();
        assertThat(mocked.mockResponse()).contains("hi");
    }

    @Test
    void api_key_is_a_secret_and_none_is_kept_as_written() {
        Deployment vllm = only("{model: openai/facebook/opt-125m, api_base: 'http://0.0.0.0:4000/v1', api_key: none}");
        assertThat(vllm.apiKey().reveal()).isEqualTo("none");
        assertThat(only("{model: gpt-4o}").apiKey()).isNull();
        assertThat(only("{model: gpt-4o, api_key: }").apiKey()).isNull();
    }
}
