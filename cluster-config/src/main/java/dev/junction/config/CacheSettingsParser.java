package dev.junction.config;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads {@code litellm_settings.cache} and {@code cache_params}. Every type LiteLLM knows is served by one of
 * Junction's two stores, and the start-up log says which: the Redis types and the buckets by the cluster's shared
 * map, {@code local} and {@code disk} by the node's memory. Connection settings of the servers LiteLLM would talk
 * to are read and reported as unused.
 */
final class CacheSettingsParser {
    static final String CACHE = "litellm_settings.cache";
    static final String PARAMS = "litellm_settings.cache_params";

    /** The {@code litellm_settings} keys this parser owns. */
    static final Set<String> KEYS = Set.of("cache", "cache_params");

    private static final Map<String, CacheSettings.Store> TYPES = Map.ofEntries(
            Map.entry("local", CacheSettings.Store.LOCAL),
            Map.entry("disk", CacheSettings.Store.LOCAL),
            Map.entry("redis", CacheSettings.Store.CLUSTER),
            Map.entry("redis-cluster", CacheSettings.Store.CLUSTER),
            Map.entry("redis-sentinel", CacheSettings.Store.CLUSTER),
            Map.entry("redis-semantic", CacheSettings.Store.CLUSTER),
            Map.entry("qdrant-semantic", CacheSettings.Store.CLUSTER),
            Map.entry("valkey-semantic", CacheSettings.Store.CLUSTER),
            Map.entry("s3", CacheSettings.Store.CLUSTER),
            Map.entry("gcs", CacheSettings.Store.CLUSTER),
            Map.entry("azure-blob", CacheSettings.Store.CLUSTER));

    /** LiteLLM's call types; the transcription and rerank ones are accepted but Junction serves no such route. */
    static final List<String> CALL_TYPES = List.of(
            "completion",
            "acompletion",
            "text_completion",
            "atext_completion",
            "embedding",
            "aembedding",
            "responses",
            "aresponses",
            "anthropic_messages",
            "aanthropic_messages",
            "transcription",
            "atranscription",
            "rerank",
            "arerank");

    /** What LiteLLM caches when {@code supported_call_types} is not given: every type. */
    private static final Set<String> DEFAULT_CALL_TYPES = Set.copyOf(CALL_TYPES);

    /** The keys this parser acts on; every other key of {@code cache_params} is reported as unused. */
    private static final Set<String> ACTED_ON = Set.of(
            "type",
            "mode",
            "ttl",
            "default_in_memory_ttl",
            "default_in_redis_ttl",
            "namespace",
            "supported_call_types",
            "max_size_per_item",
            "max_size_mb",
            "fill_wait_seconds",
            "similarity_threshold",
            "redis_semantic_cache_embedding_model",
            "qdrant_semantic_cache_embedding_model",
            "valkey_semantic_cache_embedding_model",
            "semantic_cache_embedding_timeout",
            "semantic_max_vectors");

    static final String DEFAULT_EMBEDDING_MODEL = "text-embedding-ada-002";
    static final Duration DEFAULT_EMBEDDING_TIMEOUT = Duration.ofSeconds(5);
    static final int DEFAULT_MAX_VECTORS = 10_000;

    private CacheSettingsParser() {}

    /**
     * @param cache the resolved {@code litellm_settings.cache}
     * @param params the resolved {@code litellm_settings.cache_params}
     * @param modelGroups the {@code model_name}s of the {@code model_list}, for the embedding model's check
     */
    static CacheSettings parse(Object cache, Object params, Set<String> modelGroups, ParseContext context) {
        Boolean on = Fields.bool(context, cache, CACHE);
        JsonObject section = Fields.object(context, params, PARAMS);
        if (!Boolean.TRUE.equals(on)) {
            if (section != null) {
                context.ignore(PARAMS); // LiteLLM too builds no cache without cache: true
            }
            return CacheSettings.disabled();
        }
        JsonObject p = section == null ? new JsonObject() : section;
        String type = Fields.string(context, p.getValue("type"), path("type"));
        type = type == null ? "redis" : type;
        CacheSettings.Store store = TYPES.get(type);
        if (store == null) {
            throw context.invalid(path("type"), "one of " + String.join(", ", new TreeSet<>(TYPES.keySet())), type);
        }
        boolean semantic = type.endsWith("-semantic");
        List<String> notes = new ArrayList<>();
        notes.add(describe(type, store, semantic, context));
        unused(p, notes, context);
        return new CacheSettings(
                true,
                type,
                store,
                semantic,
                mode(p, context),
                ttl(p, store, context),
                nonEmpty(Fields.string(context, p.getValue("namespace"), path("namespace")), "namespace"),
                callTypes(p, context),
                megabytes(p, context),
                itemBytes(p, context),
                fillWait(p, context),
                semantic ? semantic(p, type, modelGroups, context) : null,
                notes);
    }

    private static String describe(String type, CacheSettings.Store store, boolean semantic, ParseContext context) {
        String named = "cache_params.type '" + type + "'";
        switch (type) {
            case "s3", "gcs", "azure-blob" -> context.warn(
                    path("type"),
                    "'" + type + "' is served by Junction's cluster cache: shared by every node like a bucket, "
                            + "but held in memory, so its entries do not outlive the whole cluster");
            case "disk" -> context.warn(
                    path("type"),
                    "'disk' is served by each node's own memory; nothing is written to disk, and entries do "
                            + "not outlive the node");
            default -> {}
        }
        if (store == CacheSettings.Store.LOCAL) {
            return named + ": a cache in each node's own memory, not shared between nodes";
        }
        return named + ": Junction's cluster cache (Hazelcast map junction.cache.responses), shared by every node, "
                + "no Redis server used"
                + (semantic ? "; prompts are matched by cosine similarity over the cluster's vectors" : "");
    }

    /**
     * Connection settings and other keys of servers Junction does not talk to: named (never their values) and
     * listed with the config's ignored keys.
     */
    private static void unused(JsonObject params, List<String> notes, ParseContext context) {
        Set<String> unused = new TreeSet<>(params.fieldNames());
        unused.removeAll(ACTED_ON);
        unused.forEach(key -> context.ignore(path(key)));
        if (!unused.isEmpty()) {
            notes.add("cache_params keys not used (no cache server to reach): " + String.join(", ", unused));
        }
    }

    private static boolean mode(JsonObject params, ParseContext context) {
        String mode = Fields.string(context, params.getValue("mode"), path("mode"));
        if (mode == null || mode.equals("default_on")) {
            return false;
        }
        if (mode.equals("default_off")) {
            return true;
        }
        throw context.invalid(path("mode"), "default_on or default_off", mode);
    }

    /** {@code ttl}, else the store's own default key, else LiteLLM's default for that kind of store. */
    private static Duration ttl(JsonObject params, CacheSettings.Store store, ParseContext context) {
        Duration ttl = seconds(params, "ttl", context);
        String storeDefault = store == CacheSettings.Store.LOCAL ? "default_in_memory_ttl" : "default_in_redis_ttl";
        Duration fallback = seconds(params, storeDefault, context);
        if (fallback != null) {
            ttl = fallback; // LiteLLM lets these two override ttl
        }
        if (ttl == null && store == CacheSettings.Store.LOCAL) {
            return CacheSettings.DEFAULT_LOCAL_TTL;
        }
        return ttl;
    }

    private static Duration seconds(JsonObject params, String key, ParseContext context) {
        Number value = Fields.nonNegativeNumber(context, params.getValue(key), path(key));
        return value == null ? null : Duration.ofMillis(Math.round(value.doubleValue() * 1000));
    }

    private static Set<String> callTypes(JsonObject params, ParseContext context) {
        List<String> listed =
                Fields.strings(context, params.getValue("supported_call_types"), path("supported_call_types"));
        if (listed == null) {
            return DEFAULT_CALL_TYPES;
        }
        Set<String> types = new LinkedHashSet<>();
        for (int i = 0; i < listed.size(); i++) {
            String name = listed.get(i);
            if (!CALL_TYPES.contains(name)) {
                throw context.invalid(
                        YamlPath.index(path("supported_call_types"), i),
                        "one of " + String.join(", ", CALL_TYPES),
                        name);
            }
            types.add(name);
        }
        return types;
    }

    private static long megabytes(JsonObject params, ParseContext context) {
        Number mb = Fields.positiveNumber(context, params.getValue("max_size_mb"), path("max_size_mb"));
        return Math.round((mb == null ? CacheSettings.DEFAULT_MAX_MB_PER_NODE : mb.doubleValue()) * 1024 * 1024);
    }

    private static long itemBytes(JsonObject params, ParseContext context) {
        Number kb = Fields.positiveNumber(context, params.getValue("max_size_per_item"), path("max_size_per_item"));
        return Math.round((kb == null ? CacheSettings.DEFAULT_MAX_ITEM_KB : kb.doubleValue()) * 1024);
    }

    private static Duration fillWait(JsonObject params, ParseContext context) {
        Duration wait = seconds(params, "fill_wait_seconds", context);
        return wait == null ? CacheSettings.DEFAULT_FILL_WAIT : wait;
    }

    private static CacheSettings.Semantic semantic(
            JsonObject params, String type, Set<String> modelGroups, ParseContext context) {
        Number threshold = Fields.nonNegativeNumber(
                context, params.getValue("similarity_threshold"), path("similarity_threshold"));
        if (threshold == null) {
            throw context.missing(path("similarity_threshold"), "is required for type '" + type + "'");
        }
        if (threshold.doubleValue() > 1) {
            throw context.invalid(path("similarity_threshold"), "a number from 0 to 1", threshold);
        }
        String modelKey = type.substring(0, type.indexOf('-')) + "_semantic_cache_embedding_model";
        String model = Fields.string(context, params.getValue(modelKey), path(modelKey));
        model = model == null ? DEFAULT_EMBEDDING_MODEL : model;
        if (!modelGroups.contains(model)) {
            throw new ConfigException(
                    path(modelKey),
                    "'" + model + "' is not a model_name of model_list; name the embedding model group");
        }
        Duration timeout = seconds(params, "semantic_cache_embedding_timeout", context);
        Long vectors = Fields.nonNegativeInteger(
                context, params.getValue("semantic_max_vectors"), path("semantic_max_vectors"));
        return new CacheSettings.Semantic(
                threshold.doubleValue(),
                model,
                timeout == null || timeout.isZero() ? DEFAULT_EMBEDDING_TIMEOUT : timeout,
                vectors == null ? DEFAULT_MAX_VECTORS : (int) Math.min(Integer.MAX_VALUE, Math.max(1, vectors)));
    }

    private static String nonEmpty(String value, String key) {
        if (value != null && value.isBlank()) {
            throw new ConfigException(path(key), "must not be empty");
        }
        return value;
    }

    private static String path(String key) {
        return YamlPath.key(PARAMS, key);
    }
}
