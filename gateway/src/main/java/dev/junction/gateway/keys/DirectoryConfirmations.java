package dev.junction.gateway.keys;

import dev.junction.cluster.bus.Addresses;
import dev.junction.gateway.models.Propagation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes an admin change to a key, team, user, membership, organisation, budget or end user in force on every node
 * before the admin call answers. Each node's copy of the directory follows the cluster map's events, which arrive
 * a little after the map is written; so once the map has the change, the node that made it asks every member, at
 * its own address, to take the entry in, and waits for each to confirm (the model API's {@link Propagation}, with
 * its bound). A member that does not confirm in time is logged with the reason; it still takes the change when the
 * event arrives.
 */
final class DirectoryConfirmations {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryConfirmations.class);

    private final Propagation propagation;
    private final Map<String, ClusterCache<?>> caches = new ConcurrentHashMap<>();

    DirectoryConfirmations(Propagation propagation) {
        this.propagation = propagation;
    }

    void add(ClusterCache<?> cache) {
        caches.put(cache.name(), cache);
        cache.confirmWith(this);
    }

    /** Listens on this node's address: each request refreshes one entry of one cache, then is answered. */
    Future<MessageConsumer<JsonObject>> listen(Vertx vertx, String nodeId) {
        MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(Addresses.directoryApply(nodeId), message -> {
            ClusterCache<?> cache = caches.get(message.body().getString("map", ""));
            if (cache == null) {
                message.fail(400, "no such directory map");
                return;
            }
            cache.refresh(message.body().getString("id", ""))
                    .onSuccess(done -> message.reply(new JsonObject().put("node", nodeId)))
                    .onFailure(failure -> message.fail(500, String.valueOf(failure.getMessage())));
        });
        return consumer.completion().map(registered -> consumer);
    }

    /** Never fails: the admin change is stored and in the cluster map already; what did not confirm is logged. */
    Future<Void> confirm(String map, String id) {
        return propagation
                .confirm(
                        Addresses::directoryApply,
                        new JsonObject().put("map", map).put("id", id),
                        reply -> null)
                .map(outcome -> {
                    if (!outcome.complete()) {
                        // The id is a key's hash or a team/user id, never a secret.
                        LOG.warn(
                                "A change to {} {} was not confirmed by every member within the bound: {}",
                                map,
                                id,
                                outcome.missing());
                    }
                    return null;
                });
    }
}
