package dev.junction.cluster.node;

import com.hazelcast.config.Config;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MultiMapConfig;
import dev.junction.cluster.state.HazelcastRoutingState;
import java.util.List;

/**
 * The distributed structures a Junction node relies on. They are configured in code, not in the shipped
 * Hazelcast file, so that an operator's own Hazelcast file only has to say how members find each other; a file
 * that does name one of them keeps its own settings.
 */
final class ClusterStructures {
    /** The event bus's subscriptions: the Vert.x cluster manager needs a set per address. */
    static final String VERTX_SUBSCRIPTIONS = "__vertx.subs";

    private static final List<String> VERTX_MAPS = List.of("__vertx.haInfo", "__vertx.nodeInfo");

    private ClusterStructures() {}

    static void addMissing(Config config) {
        if (!config.getMultiMapConfigs().containsKey(VERTX_SUBSCRIPTIONS)) {
            config.addMultiMapConfig(new MultiMapConfig(VERTX_SUBSCRIPTIONS)
                    .setBackupCount(1)
                    .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
        }
        for (String name : VERTX_MAPS) {
            addMap(config, new MapConfig(name).setBackupCount(1));
        }
        HazelcastRoutingState.mapConfigs().forEach(map -> addMap(config, map));
    }

    private static void addMap(Config config, MapConfig map) {
        if (!config.getMapConfigs().containsKey(map.getName())) {
            config.addMapConfig(map);
        }
    }
}
