package dev.junction.cluster.node;

import com.hazelcast.config.Config;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MultiMapConfig;
import dev.junction.cluster.responses.ResponseStore;
import dev.junction.cluster.spend.SpendMap;
import dev.junction.cluster.spend.SpendSerializers;
import dev.junction.cluster.state.HazelcastRoutingState;
import dev.junction.cluster.state.StateSerializers;
import java.util.List;
import java.util.Map;

/**
 * What every Junction member needs, set in code rather than in the shipped Hazelcast file so that an operator's
 * own file only has to say how members find each other: Junction's properties and the distributed structures
 * it relies on. A file that sets one of them keeps its own value.
 */
final class ClusterDefaults {
    /** The event bus's subscriptions: the Vert.x cluster manager needs a set per address. */
    static final String VERTX_SUBSCRIPTIONS = "__vertx.subs";

    private static final List<String> VERTX_MAPS = List.of("__vertx.haInfo", "__vertx.nodeInfo");

    static final Map<String, String> PROPERTIES = Map.of(
            "hazelcast.phone.home.enabled", "false",
            "hazelcast.logging.type", "slf4j",
            // Junction keeps a few keys per deployment, not a data grid: 71 partitions instead of 271 make a
            // join or a departure rebalance several times faster. Every member must use the same count.
            "hazelcast.partition.count", "71",
            // A member that stops answering without closing its connections (a frozen VM, a cut cable) is
            // declared dead after 20 s rather than 60; until then its deployments are limited per node.
            "hazelcast.max.no.heartbeat.seconds", "20");

    private ClusterDefaults() {}

    static void apply(Config config) {
        PROPERTIES.forEach((name, value) -> {
            if (config.getProperty(name) == null) {
                config.setProperty(name, value);
            }
        });
        if (!config.getMultiMapConfigs().containsKey(VERTX_SUBSCRIPTIONS)) {
            config.addMultiMapConfig(new MultiMapConfig(VERTX_SUBSCRIPTIONS)
                    .setBackupCount(1)
                    .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
        }
        for (String name : VERTX_MAPS) {
            addMap(config, new MapConfig(name).setBackupCount(1));
        }
        HazelcastRoutingState.mapConfigs().forEach(map -> addMap(config, map));
        StateSerializers.configs().forEach(config.getSerializationConfig()::addSerializerConfig);
        SpendSerializers.configs().forEach(config.getSerializationConfig()::addSerializerConfig);
        addMap(config, SpendMap.config());
        addMap(config, ResponseStore.mapConfig());
        SpendMap.nameShare(config);
    }

    private static void addMap(Config config, MapConfig map) {
        if (!config.getMapConfigs().containsKey(map.getName())) {
            config.addMapConfig(map);
        }
    }
}
