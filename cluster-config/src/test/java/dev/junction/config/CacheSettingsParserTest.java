package dev.junction.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code litellm_settings.cache} and {@code cache_params}: each LiteLLM type served by one of two stores. */
class CacheSettingsParserTest {
    private static final String MODELS =
            """
            model_list:
              - {model_name: gpt-4o, litellm_params: {model: openai/gpt-4o}}
              - {model_name: openai-embedding, litellm_params: {model: openai/text-embedding-3-small}}
            """;

    private static JunctionConfig parse(String litellmSettings) {
        return TestYaml.parse(MODELS + "litellm_settings:\n" + litellmSettings.indent(2));
    }

    private static CacheSettings cache(String litellmSettings) {
        return parse(litellmSettings).cache();
    }

    private static void assertFails(String litellmSettings, String message) {
        assertThatThrownBy(() -> parse(litellmSettings))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void without_cache_true_there_is_no_cache_and_cache_params_are_reported_as_ignored() {
        assertThat(TestYaml.parse(MODELS).cache().enabled()).isFalse();
        JunctionConfig config = parse("cache: false\ncache_params: {type: local}");
        assertThat(config.cache().enabled()).isFalse();
        assertThat(config.ignoredKeys()).containsExactly("litellm_settings.cache_params");
    }

    @Test
    void cache_true_alone_is_litellms_proxy_default_redis_served_by_the_cluster_map_forever() {
        CacheSettings cache = cache("cache: true");
        assertThat(cache.enabled()).isTrue();
        assertThat(cache.type()).isEqualTo("redis");
        assertThat(cache.store()).isEqualTo(CacheSettings.Store.CLUSTER);
        assertThat(cache.ttl()).as("Redis keeps entries without a ttl").isNull();
        assertThat(cache.defaultOff()).isFalse();
        assertThat(cache.namespace()).isNull();
        assertThat(cache.caches("completion")).isTrue();
        assertThat(cache.caches("embedding")).isTrue();
        assertThat(cache.maxBytesPerNode()).isEqualTo(256L << 20);
        assertThat(cache.maxItemBytes()).isEqualTo(1024L * 1024);
        assertThat(cache.notes().get(0)).contains("Junction's cluster cache").contains("no Redis server");
    }

    @Test
    void every_redis_type_is_the_cluster_cache_and_local_is_each_nodes_own_with_600_seconds() {
        for (String type : new String[] {"redis", "redis-cluster", "redis-sentinel"}) {
            assertThat(cache("cache: true\ncache_params: {type: " + type + "}").store())
                    .isEqualTo(CacheSettings.Store.CLUSTER);
        }
        CacheSettings local = cache("cache: true\ncache_params: {type: local}");
        assertThat(local.store()).isEqualTo(CacheSettings.Store.LOCAL);
        assertThat(local.ttl()).isEqualTo(Duration.ofSeconds(600));
        assertThat(local.notes().get(0)).contains("not shared between nodes");
    }

    @Test
    void disk_and_buckets_are_mapped_with_a_warning_saying_what_is_lost() {
        JunctionConfig disk = parse("cache: true\ncache_params: {type: disk, disk_cache_dir: /tmp/c}");
        assertThat(disk.cache().store()).isEqualTo(CacheSettings.Store.LOCAL);
        assertThat(disk.warnings()).anySatisfy(warning -> assertThat(warning)
                .startsWith("litellm_settings.cache_params.type: 'disk'")
                .contains("nothing is written to disk"));
        JunctionConfig s3 = parse("cache: true\ncache_params: {type: s3, s3_bucket_name: b}");
        assertThat(s3.cache().store()).isEqualTo(CacheSettings.Store.CLUSTER);
        assertThat(s3.warnings())
                .anySatisfy(warning -> assertThat(warning).contains("do not outlive the whole cluster"));
    }

    @Test
    void connection_settings_are_named_as_unused_never_shown() {
        JunctionConfig config = parse(
                "cache: true\ncache_params: {type: redis, host: h, port: 6379, password: hunter2, namespace: ns}");
        assertThat(config.ignoredKeys())
                .containsExactly(
                        "litellm_settings.cache_params.host",
                        "litellm_settings.cache_params.password",
                        "litellm_settings.cache_params.port");
        assertThat(config.cache().notes())
                .contains("cache_params keys not used (no cache server to reach): host, password, port");
        assertThat(String.join("\n", config.cache().notes())).doesNotContain("hunter2");
        assertThat(config.cache().namespace()).isEqualTo("ns");
    }

    @Test
    void ttl_mode_call_types_and_sizes_are_read() {
        CacheSettings cache = cache(
                """
                cache: true
                cache_params:
                  type: redis
                  ttl: 1.5
                  mode: default_off
                  supported_call_types: [acompletion, aembedding]
                  max_size_mb: 64
                  max_size_per_item: 100
                  fill_wait_seconds: 2
                """);
        assertThat(cache.ttl()).isEqualTo(Duration.ofMillis(1500));
        assertThat(cache.defaultOff()).isTrue();
        assertThat(cache.caches("completion")).isTrue();
        assertThat(cache.caches("embedding")).isTrue();
        assertThat(cache.caches("text_completion")).isFalse();
        assertThat(cache.maxBytesPerNode()).isEqualTo(64L << 20);
        assertThat(cache.maxItemBytes()).isEqualTo(100 * 1024);
        assertThat(cache.fillWait()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void the_stores_own_default_ttl_wins_over_ttl_as_in_litellm() {
        assertThat(cache("cache: true\ncache_params: {type: redis, ttl: 10, default_in_redis_ttl: 20}")
                        .ttl())
                .isEqualTo(Duration.ofSeconds(20));
        assertThat(cache("cache: true\ncache_params: {type: local, default_in_memory_ttl: 5}")
                        .ttl())
                .isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void bad_values_are_refused_naming_their_path() {
        assertFails(
                "cache: true\ncache_params: {type: memcached}",
                "litellm_settings.cache_params.type: expected one of azure-blob, disk, gcs, local, qdrant-semantic, "
                        + "redis, redis-cluster, redis-semantic, redis-sentinel, s3, valkey-semantic, got \"memcached\"");
        assertFails(
                "cache: true\ncache_params: {mode: sometimes}",
                "litellm_settings.cache_params.mode: expected default_on or default_off, got \"sometimes\"");
        assertThatThrownBy(() -> parse("cache: true\ncache_params: {supported_call_types: [completion, chat]}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("litellm_settings.cache_params.supported_call_types[1]: expected one of");
        assertThatThrownBy(() -> parse("cache: true\ncache_params: {ttl: -1}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("litellm_settings.cache_params.ttl: ");
        assertThatThrownBy(() -> parse("cache: true\ncache_params: {namespace: ' '}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("litellm_settings.cache_params.namespace: must not be empty");
    }

    @Test
    void a_semantic_cache_needs_a_threshold_and_an_embedding_model_of_the_model_list() {
        CacheSettings semantic = cache(
                """
                cache: true
                cache_params:
                  type: qdrant-semantic
                  similarity_threshold: 0.8
                  qdrant_semantic_cache_embedding_model: openai-embedding
                  qdrant_collection_name: c
                """);
        assertThat(semantic.semantic()).isTrue();
        assertThat(semantic.store()).isEqualTo(CacheSettings.Store.CLUSTER);
        assertThat(semantic.semanticSettings().similarityThreshold()).isEqualTo(0.8);
        assertThat(semantic.semanticSettings().embeddingModel()).isEqualTo("openai-embedding");
        assertThat(semantic.semanticSettings().maxVectorsPerNode()).isEqualTo(10_000);

        assertThatThrownBy(() -> parse("cache: true\ncache_params: {type: redis-semantic}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("litellm_settings.cache_params.similarity_threshold: ");
        assertThatThrownBy(() -> parse("cache: true\ncache_params: {type: redis-semantic, similarity_threshold: 1.2}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("litellm_settings.cache_params.similarity_threshold: expected a number from 0");
        assertThatThrownBy(() -> parse("cache: true\ncache_params: {type: redis-semantic, similarity_threshold: 0.9}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("litellm_settings.cache_params.redis_semantic_cache_embedding_model: "
                        + "'text-embedding-ada-002' is not a model_name of model_list; name the embedding model group");
    }
}
