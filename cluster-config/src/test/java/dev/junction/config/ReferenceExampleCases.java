package dev.junction.config;

import static dev.junction.config.ProviderFamily.ANTHROPIC;
import static dev.junction.config.ProviderFamily.AZURE;
import static dev.junction.config.ProviderFamily.BEDROCK;
import static dev.junction.config.ProviderFamily.OLLAMA;
import static dev.junction.config.ProviderFamily.OPENAI;
import static dev.junction.config.ReferenceExamplesTest.example;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.config.ReferenceExamplesTest.Example;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** What each saved reference example must load to; the file names follow the order on each page. */
final class ReferenceExampleCases {
    private static final Map<String, String> ALL_KEYS = Map.of(
            "AZURE_API_BASE", "https://example.openai.azure.com/",
            "AZURE_API_KEY", "az-key",
            "OPENAI_API_KEY", "sk-openai",
            "ANTHROPIC_API_KEY", "sk-ant");

    private ReferenceExampleCases() {}

    static Stream<Example> proxyConfigPage() {
        return Stream.of(
                example(
                        "proxy-config-yaml-1.yaml",
                        Map.of("AZURE_API_KEY_EU", "k", "AZURE_API_KEY_CA", "k"),
                        List.of("gpt-3.5-turbo", "bedrock-claude-v1", "anthropic-claude", "vllm-models", "*"),
                        List.of(AZURE, BEDROCK, AZURE, BEDROCK, OPENAI, OPENAI),
                        config -> {
                            Deployment defaultRegion = config.deployments().get(1);
                            assertThat(defaultRegion.upstreamModel()).isEqualTo("anthropic.claude-instant-v1");
                            assertThat(defaultRegion.apiBase())
                                    .isEqualTo("https://bedrock-runtime.us-west-2.amazonaws.com");
                            assertThat(config.deployments().get(3).apiBase())
                                    .isEqualTo("https://bedrock-runtime.us-east-1.amazonaws.com");
                            assertThat(config.skipped()).isEmpty();
                        }),
                example(
                        "proxy-config-yaml-2.yaml",
                        Map.of(),
                        List.of("gpt-4-team1", "gpt-4-team2", "openai-gpt-3.5", "mistral-7b"),
                        List.of(AZURE, AZURE, OPENAI, OLLAMA),
                        config -> {
                            Deployment team1 = config.deployments().get(0);
                            assertThat(team1.apiVersion()).isEqualTo("2023-05-15");
                            assertThat(team1.apiKey()).isNull();
                            assertThat(config.deployments()
                                            .get(2)
                                            .litellmParams()
                                            .getString("organization"))
                                    .isEqualTo("org-ikDc4ex8NB");
                            assertThat(config.deployments().get(3).apiBase()).isEqualTo("http://localhost:11434");
                        }),
                example(
                        "proxy-config-yaml-6.yaml",
                        Map.of(),
                        List.of("azure-embedding-model"),
                        List.of(AZURE),
                        config -> assertThat(config.deployments().get(0).apiVersion())
                                .isEqualTo("2023-07-01-preview")),
                example(
                        "proxy-config-yaml-7.yaml",
                        Map.of(),
                        List.of("text-embedding-ada-002"),
                        List.of(OPENAI, OPENAI)),
                example("proxy-config-yaml-8.yaml", Map.of(), List.of("embedding-model"), List.of(OPENAI), config -> {
                    assertThat(config.deployments().get(0).provider().prefix()).isEqualTo("xinference");
                    assertThat(config.deployments().get(0).apiBase()).isEqualTo("http://0.0.0.0:9997/v1");
                }),
                example(
                        "proxy-config-yaml-9.yaml",
                        Map.of(),
                        List.of("text-embedding-ada-002"),
                        List.of(OPENAI),
                        config -> assertThat(config.deployments().get(0).upstreamModel())
                                .isEqualTo("<your-model-name>")),
                example(
                        "proxy-config-yaml-10.yaml",
                        Map.of("OPENAI_API_KEY", "sk-openai"),
                        List.of("*"),
                        List.of(OPENAI, OPENAI, OPENAI),
                        config -> assertThat(config.deployments())
                                .extracting(d -> d.litellmParams().getString("organization"))
                                .containsExactly("org-1", "org-2", "org-3")),
                example(
                        "proxy-config-yaml-11.yaml",
                        Map.of("ANTHROPIC_API_KEY", "sk-ant", "GROQ_API_KEY", "gsk"),
                        List.of("anthropic/*", "groq/*"),
                        List.of(ANTHROPIC, OPENAI),
                        config -> assertThat(config.deployments())
                                .extracting(Deployment::upstreamModel)
                                .containsOnly("*")),
                example(
                        "proxy-config-yaml-13.yaml",
                        Map.of("AZURE_NORTH_AMERICA_API_KEY", "az-na"),
                        List.of("gpt-4-team1"),
                        List.of(AZURE),
                        config -> assertThat(
                                        config.deployments().get(0).apiKey().reveal())
                                .isEqualTo("az-na")),
                example(
                        "proxy-config-yaml-14.yaml",
                        Map.of("OPENAI_API_KEY", "sk-openai", "LITELLM_ENVIRONMENT", "staging"),
                        List.of("gpt-3.5-turbo", "gpt-4"),
                        List.of(OPENAI, OPENAI)),
                example("proxy-config-yaml-16.yaml", Map.of(), List.of(), List.of(), config -> assertThat(
                                config.ignoredKeys())
                        .containsExactly(
                                "general_settings.database_connection_pool_limit",
                                "general_settings.database_connection_timeout")),
                example("proxy-config-yaml-18.yaml", Map.of(), List.of(), List.of(), config -> {
                    assertThat(config.router().merged().getString("routing_strategy"))
                            .isEqualTo("usage-based-routing-v2");
                    assertThat(config.router()
                                    .merged()
                                    .getJsonObject("allowed_fails_policy")
                                    .getLong("RateLimitErrorAllowedFails"))
                            .isEqualTo(10000);
                    assertThat(config.router().merged().getBoolean("disable_cooldowns"))
                            .isTrue();
                    assertThat(config.ignoredKeys())
                            .containsExactly(
                                    "router_settings.redis_host",
                                    "router_settings.redis_password",
                                    "router_settings.redis_port");
                    assertThat(config.router().merged().getBoolean("enable_tag_filtering"))
                            .isTrue();
                }),
                example(
                        "proxy-config-yaml-19.yaml",
                        Map.of("OPENAI_API_KEY", "sk-openai"),
                        List.of("gpt-3.5-turbo"),
                        List.of(OPENAI)));
    }

    static Stream<Example> otherPages() {
        return Stream.of(
                example(
                        "reliability-fallbacks-retries-1.yaml",
                        Map.of(),
                        List.of("gpt-3.5-turbo"),
                        List.of(AZURE, AZURE, AZURE),
                        config -> {
                            assertThat(config.router().timeout()).isEqualTo(Duration.ofSeconds(30));
                            assertThat(config.deployments())
                                    .extracting(d -> d.litellmParams().getLong("rpm"))
                                    .containsExactly(6L, 6L, 1440L);
                        }),
                example("reliability-fallbacks-retries-2.yaml", Map.of(), List.of(), List.of(), config -> assertThat(
                                config.router().merged().getJsonArray("fallbacks"))
                        .hasSize(1)),
                example(
                        "reliability-fallbacks-retries-4.yaml",
                        ALL_KEYS,
                        List.of("gpt-3.5-turbo"),
                        List.of(AZURE, OPENAI),
                        config -> assertThat(config.router().merged().getBoolean("enable_pre_call_checks"))
                                .isTrue()),
                example(
                        "reliability-fallbacks-retries-5.yaml",
                        ALL_KEYS,
                        List.of("gpt-3.5-turbo-small", "gpt-3.5-turbo-large", "claude-opus"),
                        List.of(AZURE, OPENAI, ANTHROPIC)),
                example(
                        "reliability-fallbacks-retries-6.yaml",
                        ALL_KEYS,
                        List.of("gpt-3.5-turbo-small", "claude-opus"),
                        List.of(AZURE, ANTHROPIC)),
                example(
                        "reliability-fallbacks-retries-7.yaml",
                        ALL_KEYS,
                        List.of("gpt-3.5-turbo-small", "claude-opus"),
                        List.of(AZURE, ANTHROPIC),
                        config -> assertThat(config.router()
                                        .merged()
                                        .getJsonArray("default_fallbacks")
                                        .getList())
                                .containsExactly("claude-opus")),
                example(
                        "reliability-fallbacks-retries-9.yaml",
                        Map.of(),
                        List.of("gpt-3.5-turbo"),
                        List.of(AZURE, AZURE),
                        config -> {
                            assertThat(config.deployments().get(1).apiKey()).isNull();
                            assertThat(config.deployments()
                                            .get(1)
                                            .litellmParams()
                                            .getDouble("stream_timeout"))
                                    .isEqualTo(0.01);
                        }),
                example(
                        "reliability-fallbacks-retries-10.yaml",
                        ALL_KEYS,
                        List.of("gpt-4o", "azure/*"),
                        List.of(OPENAI, AZURE)),
                example(
                        "load-balancing-multiple-instances-1.yaml",
                        Map.of(),
                        List.of("gpt-3.5-turbo"),
                        List.of(AZURE, AZURE)),
                example(
                        "load-balancing-multiple-instances-2.yaml",
                        Map.of(),
                        List.of("gpt-3.5-turbo"),
                        List.of(AZURE),
                        config -> assertThat(config.router()
                                        .merged()
                                        .getJsonObject("model_group_alias")
                                        .getString("gpt-4"))
                                .isEqualTo("gpt-3.5-turbo")),
                example("load-balancing-multiple-instances-3.yaml", Map.of(), List.of("gpt-3.5-turbo"), List.of(AZURE)),
                example(
                        "team-based-routing-1.yaml",
                        Map.of(
                                "AZURE_API_BASE_EU", "https://eu.example/",
                                "AZURE_API_KEY_EU", "k-eu",
                                "AZURE_API_BASE", "https://example.openai.azure.com/",
                                "AZURE_API_KEY", "az-key"),
                        List.of("gpt-3.5-turbo-eu", "gpt-3.5-turbo-worldwide"),
                        List.of(AZURE, AZURE),
                        config -> {
                            assertThat(config.general().masterKey().reveal()).isEqualTo("sk-1234");
                            assertThat(config.deployments().get(0).apiBase()).isEqualTo("https://eu.example");
                        }));
    }
}
