package dev.junction.cluster.cache;

import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MaxSizePolicy;
import dev.junction.config.CacheSettings;

/**
 * The Hazelcast maps of the cluster cache and how they are configured. Each map is spread over the members by
 * its keys' partitions, so a node holds its share of the entries and every node reads every entry.
 *
 * <p>No backups: a cached answer can always be fetched again from the provider, and a backup would double the
 * heap every entry costs. A member that leaves gracefully hands its partitions over with their entries; one that
 * crashes loses its share, and the requests for those entries are misses again.
 */
public final class ResponseCacheMaps {
    public static final String RESPONSES = "junction.cache.responses";
    public static final String FILLS = "junction.cache.fills";
    public static final String VECTORS = "junction.cache.vectors";

    private ResponseCacheMaps() {}

    /** Adds the cache's maps and serializers to a member's config, unless the operator's file defines the maps. */
    public static void configure(Config config, CacheSettings settings) {
        CacheSerializers.configs().forEach(config.getSerializationConfig()::addSerializerConfig);
        if (!settings.enabled() || settings.store() != CacheSettings.Store.CLUSTER) {
            return;
        }
        addMap(config, responses(settings));
        addMap(config, new MapConfig(FILLS).setBackupCount(0));
        if (settings.semantic()) {
            addMap(config, vectors(settings.semanticSettings().maxVectorsPerNode()));
        }
    }

    /** Least recently used answers go first once the map's entries take {@code max_size_mb} of a member's heap. */
    static MapConfig responses(CacheSettings settings) {
        int megabytes = (int) Math.max(1, Math.min(Integer.MAX_VALUE, settings.maxBytesPerNode() >> 20));
        return new MapConfig(RESPONSES)
                .setBackupCount(0)
                .setInMemoryFormat(InMemoryFormat.BINARY)
                .setEvictionConfig(new EvictionConfig()
                        .setEvictionPolicy(EvictionPolicy.LRU)
                        .setMaxSizePolicy(MaxSizePolicy.USED_HEAP_SIZE)
                        .setSize(megabytes));
    }

    /** Kept as objects: the nearest-vector scan reads them in place on each member instead of deserialising. */
    static MapConfig vectors(int maxPerNode) {
        return new MapConfig(VECTORS)
                .setBackupCount(0)
                .setInMemoryFormat(InMemoryFormat.OBJECT)
                .setEvictionConfig(new EvictionConfig()
                        .setEvictionPolicy(EvictionPolicy.LRU)
                        .setMaxSizePolicy(MaxSizePolicy.PER_NODE)
                        .setSize(maxPerNode));
    }

    private static void addMap(Config config, MapConfig map) {
        if (!config.getMapConfigs().containsKey(map.getName())) {
            config.addMapConfig(map);
        }
    }
}
