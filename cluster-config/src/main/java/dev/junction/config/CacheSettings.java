package dev.junction.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The response cache, from {@code litellm_settings.cache} and {@code cache_params}. Built and checked by {@link
 * CacheSettingsParser}; {@link #disabled()} when {@code cache} is not true.
 *
 * @param enabled {@code cache: true}
 * @param type the {@code cache_params.type} as configured ({@code redis} when absent, as LiteLLM's proxy)
 * @param store where entries live: one node's memory, or the cluster's shared map
 * @param semantic whether a miss also looks for the nearest cached prompt ({@code redis-semantic}, {@code
 *     qdrant-semantic})
 * @param defaultOff {@code mode: default_off}: only requests that ask ({@code cache: {"use-cache": true}}) use it
 * @param ttl how long an entry lives unless a request says otherwise, or null for as long as room allows
 * @param namespace prefixed to every key ({@code <namespace>:<sha256>}), or null
 * @param callTypes the LiteLLM call types cached ({@code supported_call_types})
 * @param maxBytesPerNode the heap the entries may take on each node before the least recently used go
 * @param maxItemBytes an answer larger than this is not stored
 * @param fillWait how long a request waits for an identical one already calling the provider
 * @param semanticSettings the semantic lookup's settings, or null when {@code semantic} is false
 * @param notes what the start-up log says about how the configured type is served
 */
public record CacheSettings(
        boolean enabled,
        String type,
        Store store,
        boolean semantic,
        boolean defaultOff,
        Duration ttl,
        String namespace,
        Set<String> callTypes,
        long maxBytesPerNode,
        long maxItemBytes,
        Duration fillWait,
        Semantic semanticSettings,
        List<String> notes) {

    /** Where the entries live. */
    public enum Store {
        /** This node's memory only ({@code local}, and {@code disk} mapped to it). */
        LOCAL,
        /** A Hazelcast map every node of the cluster shares. */
        CLUSTER
    }

    /**
     * @param similarityThreshold the cosine similarity at or above which a cached prompt answers (0 to 1)
     * @param embeddingModel the model group that embeds prompts
     * @param embeddingTimeout how long a lookup may wait for the embedding before it counts as a miss
     * @param maxVectorsPerNode how many prompt vectors each node keeps before the least recently used go
     */
    public record Semantic(
            double similarityThreshold, String embeddingModel, Duration embeddingTimeout, int maxVectorsPerNode) {
        public Semantic {
            Objects.requireNonNull(embeddingModel, "embeddingModel");
            Objects.requireNonNull(embeddingTimeout, "embeddingTimeout");
        }
    }

    public static final long DEFAULT_MAX_MB_PER_NODE = 256;
    /** LiteLLM's in-memory cache refuses items over 1 MB ({@code MAX_SIZE_PER_ITEM_IN_MEMORY_CACHE_IN_KB}). */
    public static final long DEFAULT_MAX_ITEM_KB = 1024;
    /** LiteLLM's in-memory cache keeps an entry 600 s unless told otherwise; its Redis cache keeps it forever. */
    public static final Duration DEFAULT_LOCAL_TTL = Duration.ofSeconds(600);

    public static final Duration DEFAULT_FILL_WAIT = Duration.ofSeconds(30);

    public CacheSettings {
        callTypes = Set.copyOf(callTypes);
        notes = List.copyOf(notes);
        if (semantic) {
            Objects.requireNonNull(semanticSettings, "semanticSettings");
        }
    }

    public static CacheSettings disabled() {
        return new CacheSettings(
                false, "", Store.LOCAL, false, false, null, null, Set.of(), 0, 0, Duration.ZERO, null, List.of());
    }

    /** Whether requests of LiteLLM call type {@code callType} (sync or async name) are cached. */
    public boolean caches(String callType) {
        return enabled && (callTypes.contains(callType) || callTypes.contains("a" + callType));
    }
}
