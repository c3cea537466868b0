package dev.junction.cluster.responses;

import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Optional;

/**
 * The answers of the Responses API that Junction keeps, so that {@code GET /v1/responses/{id}} and a request
 * continuing one with {@code previous_response_id} work on every node: a cluster map of JSON documents, kept
 * for a day (then dropped by Hazelcast) and bounded in memory. The gateway decides what a document holds
 * ({@code dev.junction.gateway.surface.responses}); this only stores it.
 */
public final class ResponseStore {
    static final String RESPONSES_MAP = "junction.responses";
    /** How long a stored response can be fetched or continued. OpenAI keeps them 30 days; memory is dearer. */
    static final int DEFAULT_TTL_SECONDS = 24 * 60 * 60;
    /** Each member gives the stored responses at most this share of its heap, dropping the least recently used. */
    static final int MAX_HEAP_PERCENT = 10;

    private final Vertx vertx;
    private final IMap<String, String> responses;

    public ResponseStore(Vertx vertx, HazelcastInstance hazelcast) {
        this.vertx = vertx;
        this.responses = hazelcast.getMap(RESPONSES_MAP);
    }

    /**
     * The map's defaults: one backup (a member's death loses no conversation), a day's time to live, and LRU
     * eviction beyond {@value #MAX_HEAP_PERCENT}% of the heap. An operator's Hazelcast file may define the map
     * otherwise.
     */
    public static MapConfig mapConfig() {
        return new MapConfig(RESPONSES_MAP)
                .setBackupCount(1)
                .setTimeToLiveSeconds(DEFAULT_TTL_SECONDS)
                .setEvictionConfig(new EvictionConfig()
                        .setEvictionPolicy(EvictionPolicy.LRU)
                        .setMaxSizePolicy(MaxSizePolicy.USED_HEAP_PERCENTAGE)
                        .setSize(MAX_HEAP_PERCENT));
    }

    public Future<Optional<String>> get(String id) {
        return Future.fromCompletionStage(responses.getAsync(id), vertx.getOrCreateContext())
                .map(Optional::ofNullable);
    }

    /** Completes once the document is stored, so that a client told about it can use it on any node. */
    public Future<Void> put(String id, String document) {
        return Future.fromCompletionStage(responses.setAsync(id, document), vertx.getOrCreateContext());
    }

    /** Whether a document was there to remove. */
    public Future<Boolean> remove(String id) {
        return Future.fromCompletionStage(responses.removeAsync(id), vertx.getOrCreateContext())
                .map(previous -> previous != null);
    }
}
