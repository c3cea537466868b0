package dev.junction.gateway.keys;

import dev.junction.config.Deployment;
import io.vertx.core.json.JsonArray;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The model names in each access group ({@code model_info.access_groups}) of the deployments served now: indexed
 * again only when the served list changes (each change of the model API or reload serves a new list).
 */
final class AccessGroups {
    private final Supplier<List<Deployment>> deployments;
    private volatile Indexed indexed;

    private record Indexed(List<Deployment> from, Map<String, Set<String>> members) {}

    AccessGroups(Supplier<List<Deployment>> deployments) {
        this.deployments = deployments;
    }

    /** Each access group's model names. */
    Map<String, Set<String>> members() {
        List<Deployment> served = deployments.get();
        Indexed seen = indexed;
        if (seen == null || seen.from() != served) {
            seen = new Indexed(served, index(served));
            indexed = seen;
        }
        return seen.members();
    }

    private static Map<String, Set<String>> index(List<Deployment> deployments) {
        Map<String, Set<String>> groups = new HashMap<>();
        for (Deployment deployment : deployments) {
            JsonArray names = deployment.modelInfo() == null
                    ? null
                    : deployment.modelInfo().getJsonArray("access_groups");
            if (names != null) {
                for (Object name : names) {
                    groups.computeIfAbsent(String.valueOf(name), any -> new HashSet<>())
                            .add(deployment.modelName());
                }
            }
        }
        return Map.copyOf(groups);
    }
}
