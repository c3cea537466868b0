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
    void an_unknown_prefix_is_skipped_with_one_warning_naming_it_and_its_group_and_the_rest_loads() {
        JunctionConfig config = TestYaml.parse(
                """
                model_list:
                  - {model_name: a, litellm_params: {model: openai/gpt-4o}}
                  - {model_name: granite, litellm_params: {model: watsonx/ibm/granite-13b-chat-v2}}
                  - {model_name: c, litellm_params: {model: claude-3-opus}}
                  - {model_name: a, litellm_params: {model: replicate/meta/llama-2-70b}}
                """);
        assertThat(config.modelGroups()).containsExactly("a", "c");
        assertThat(config.deployments())
                .extracting(Deployment::litellmModel)
                .containsExactly("openai/gpt-4o", "claude-3-opus");
        assertThat(config.warnings())
                .filteredOn(w -> w.contains("not supported"))
                .containsExactly(
                        "model_list[1].litellm_params.model: provider 'watsonx' is not supported by Junction; this "
                                + "deployment of model 'granite' is skipped (supported: "
                                + String.join(", ", ProviderCatalog.prefixes()) + ")",
                        "model_list[3].litellm_params.model: provider 'replicate' is not supported by Junction; this "
                                + "deployment of model 'a' is skipped (supported: "
                                + String.join(", ", ProviderCatalog.prefixes()) + ")");
        assertThat(config.skipped())
                .extracting(SkippedDeployment::modelName, SkippedDeployment::provider)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("granite", "watsonx"),
                        org.assertj.core.groups.Tuple.tuple("a", "replicate"));
        assertThat(config.unservedGroups())
                .as("group a still has a deployment, granite has none")
                .containsExactly(java.util.Map.entry("granite", "watsonx"));
    }

    @Test
    void an_unknown_custom_llm_provider_is_skipped() {
        JunctionConfig config = TestYaml.parse(
                "model_list:\n  - model_name: m\n    litellm_params: {model: x, custom_llm_provider: petals}\n");
        assertThat(config.deployments()).isEmpty();
        assertThat(config.unservedGroups()).containsExactly(java.util.Map.entry("m", "petals"));
        assertThat(config.warnings())
                .anyMatch(w -> w.startsWith(
                        "model_list[0].litellm_params.custom_llm_provider: provider 'petals' is not supported"));
    }

    @Test
    void a_skipped_deployment_with_an_invalid_value_still_stops_start_up() {
        assertThatThrownBy(() -> only("{model: watsonx/granite, rpm: lots}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("model_list[0].litellm_params.rpm: expected ");
        assertThatThrownBy(() -> only("{model: watsonx/granite, api_base: 12}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("model_list[0].litellm_params.api_base: expected a string");
        assertThatThrownBy(() -> only("{model: watsonx/granite, api_base: 'localhost:8000'}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(
                        "model_list[0].litellm_params.api_base: expected an absolute http:// or " + "https:// URL");
        assertThatThrownBy(() -> only("{model: bedrock/x, aws_bedrock_runtime_endpoint: 'bedrock.local'}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("model_list[0].litellm_params.aws_bedrock_runtime_endpoint: expected an "
                        + "absolute http:// or https:// URL");
    }

    @Test
    void a_refused_endpoint_is_quoted_without_its_credentials() {
        // Start-up errors go to the console and its log collectors: a URL's password or signed query must not.
        assertThatThrownBy(() -> only("{model: openai/x, api_base: 'http://ada:pw-secret-91@host:port/v1'}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("model_list[0].litellm_params.api_base: expected an absolute http://")
                .hasMessageNotContaining("pw-secret-91");
        assertThatThrownBy(() -> only("{model: openai/x, api_base: 'ftp://host/v1?sig=sig-secret-1234567'}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageNotContaining("sig-secret-1234567");
    }

    @Test
    void bedrock_resolves_its_region_and_endpoint_as_litellm_does() {
        Deployment plain =
                only("{model: bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0, aws_region_name: eu-west-1}");
        assertThat(plain.family()).isEqualTo(ProviderFamily.BEDROCK);
        assertThat(plain.upstreamModel()).isEqualTo("anthropic.claude-3-5-sonnet-20240620-v1:0");
        assertThat(plain.apiBase()).isEqualTo("https://bedrock-runtime.eu-west-1.amazonaws.com");

        Deployment arn = only("{model: 'bedrock/arn:aws:bedrock:ap-south-1:123456789012:inference-profile/x'}");
        assertThat(arn.apiBase()).isEqualTo("https://bedrock-runtime.ap-south-1.amazonaws.com");
        assertThat(arn.stringParam("aws_region_name")).contains("ap-south-1");

        Deployment fromEnvironment = TestYaml.parse(
                        "model_list:\n  - model_name: m\n    litellm_params: {model: bedrock/amazon.nova-pro-v1:0}\n",
                        java.util.Map.of("AWS_REGION", "ca-central-1"))
                .deployments()
                .get(0);
        assertThat(fromEnvironment.apiBase()).isEqualTo("https://bedrock-runtime.ca-central-1.amazonaws.com");

        assertThat(only("{model: bedrock/amazon.nova-pro-v1:0}").stringParam("aws_region_name"))
                .as("LiteLLM's last resort")
                .contains("us-west-2");
        assertThat(only("{model: bedrock/converse/x, aws_bedrock_runtime_endpoint: 'http://127.0.0.1:9/aws/'}")
                        .apiBase())
                .isEqualTo("http://127.0.0.1:9/aws");
        assertThat(only("{model: bedrock/x, api_base: 'http://127.0.0.1:8/', aws_bedrock_runtime_endpoint: 'http://b'}")
                        .apiBase())
                .as("api_base wins, as in LiteLLM")
                .isEqualTo("http://127.0.0.1:8");
    }

    @Test
    void sagemaker_endpoints_are_regional_and_a_malformed_region_stops_start_up() {
        Deployment tgi = only("{model: sagemaker/jumpstart-dft-hf-llm, aws_region_name: us-east-2}");
        assertThat(tgi.family()).isEqualTo(ProviderFamily.SAGEMAKER);
        assertThat(tgi.apiBase()).isEqualTo("https://runtime.sagemaker.us-east-2.amazonaws.com");
        assertThat(only("{model: sagemaker_chat/my-endpoint}").provider().prefix())
                .isEqualTo("sagemaker_chat");
        assertThatThrownBy(() -> only("{model: bedrock/x, aws_region_name: 'US East'}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("model_list[0].litellm_params.aws_region_name: 'US East' is not an AWS region name "
                        + "(e.g. us-east-1)");
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
    @CsvSource({"not-a-url, '\"not-a-url\"'", "'ftp://host/v1', '\"ftp://host/v1\"'", "'http://', '\"http://\"'"})
    void an_api_base_that_is_not_an_absolute_http_url_is_refused_naming_the_key(String base, String shown) {
        assertThatThrownBy(() -> only("{model: openai/gpt-4o, api_base: '" + base + "'}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("model_list[0].litellm_params.api_base: expected an absolute http:// or https:// URL such"
                        + " as https://host:port/v1, got " + shown);
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
