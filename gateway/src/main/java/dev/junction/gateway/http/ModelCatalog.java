package dev.junction.gateway.http;

import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Deployment;
import dev.junction.router.model.ModelEntry;
import dev.junction.router.model.ModelTable;
import dev.junction.router.resolve.LiveDeployments;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The model listings: {@code /v1/models}, {@code /model/info} and {@code /model_group/info}. */
final class ModelCatalog {
    /** The fixed {@code created} LiteLLM reports for every model. */
    private static final long CREATED = 1677610602L;

    private final LiveDeployments deployments;
    private final ModelTable table;
    private final WildcardGroups wildcards;

    /**
     * @param deployments those served now: the config file's and those of the model API
     * @param table the shipped model table: a group's context window and mode when its model_info has none
     */
    ModelCatalog(LiveDeployments deployments, ModelTable table) {
        this.deployments = deployments;
        this.table = table;
        this.wildcards = new WildcardGroups(table);
    }

    /** LiteLLM's {@code /models?only_model_access_groups=True}: the access groups, in the same list shape. */
    JsonObject accessGroups(java.util.Collection<String> groups, Predicate<String> callable) {
        JsonArray data = new JsonArray();
        for (String group : new java.util.TreeSet<>(groups)) {
            if (callable.test(group)) {
                data.add(new JsonObject()
                        .put("id", group)
                        .put("object", "model")
                        .put("created", CREATED)
                        .put("owned_by", "openai"));
            }
        }
        return new JsonObject().put("data", data).put("object", "list");
    }

    /** The listed names {@code callable} accepts. */
    JsonObject models(Predicate<String> callable) {
        JsonArray data = new JsonArray();
        for (String group : deployments.resolver().listedModelNames()) {
            if (callable.test(group)) {
                data.add(new JsonObject()
                        .put("id", group)
                        .put("object", "model")
                        .put("created", CREATED)
                        .put("owned_by", "openai"));
            }
        }
        return new JsonObject().put("data", data).put("object", "list");
    }

    /**
     * The deployments of the groups {@code reachable} accepts, without any credential.
     *
     * @param deploymentId LiteLLM's {@code litellm_model_id}: only that deployment, or null for all
     * @throws GatewayException a 400 when {@code deploymentId} names no deployment the caller may reach
     */
    JsonObject modelInfo(Predicate<String> reachable, String deploymentId) {
        JsonArray data = new JsonArray();
        LiveDeployments.Snapshot served = deployments.current();
        for (Deployment deployment : served.deployments()) {
            if (reachable.test(deployment.modelName())
                    && (deploymentId == null || deploymentId.equals(deployment.id()))) {
                data.add(deploymentInfo(deployment, served.runtimeIds().contains(deployment.id())));
            }
        }
        if (deploymentId != null && data.isEmpty()) {
            // The same answer whether the deployment is missing or out of reach: a key learns nothing of others.
            throw GatewayException.badField(
                    "litellm_model_id", "Model id = " + deploymentId + " not found on litellm proxy");
        }
        return new JsonObject().put("data", data);
    }

    /** @param dbModel whether it came from the model API (LiteLLM's {@code db_model}) */
    private static JsonObject deploymentInfo(Deployment deployment, boolean dbModel) {
        JsonObject info = deployment.modelInfo().copy().put("id", deployment.id());
        info.put("db_model", dbModel);
        return new JsonObject()
                .put("model_name", deployment.modelName())
                .put("litellm_params", deployment.publicParams())
                .put("model_info", info);
    }

    /** @param modelGroup LiteLLM's {@code model_group}: only that group, or null for all */
    JsonObject modelGroupInfo(Predicate<String> reachable, String modelGroup) {
        Map<String, List<Deployment>> groups = deployments.deployments().stream()
                .filter(deployment -> reachable.test(deployment.modelName()))
                .filter(deployment -> modelGroup == null || modelGroup.equals(deployment.modelName()))
                .collect(Collectors.groupingBy(Deployment::modelName, LinkedHashMap::new, Collectors.toList()));
        JsonArray data = new JsonArray();
        groups.forEach((name, deployments) -> {
            data.add(groupInfo(name, deployments));
            if (name.indexOf('*') >= 0) {
                wildcards.expand(name, deployments.get(0)).stream()
                        .filter(expanded -> reachable.test(expanded.getString("model_group")))
                        .forEach(data::add);
            }
        });
        if (data.isEmpty() && modelGroup != null) {
            // A concrete model of a wildcard group, asked for by name.
            this.deployments.deployments().stream()
                    .filter(deployment -> deployment.modelName().indexOf('*') >= 0)
                    .flatMap(deployment -> wildcards.expand(deployment.modelName(), deployment).stream())
                    .filter(expanded -> modelGroup.equals(expanded.getString("model_group")))
                    .filter(expanded -> reachable.test(modelGroup))
                    .findFirst()
                    .ifPresent(data::add);
        }
        return new JsonObject().put("data", data);
    }

    /**
     * A group's line: its deployments' providers and summed limits; the context window and mode of their
     * model_info, else of the shipped table (as LiteLLM fills them from its model map), the mode "chat" when
     * neither knows.
     */
    private JsonObject groupInfo(String name, List<Deployment> deployments) {
        Set<String> providers = new LinkedHashSet<>();
        Long tpm = null;
        Long rpm = null;
        String mode = null;
        Long maxInput = null;
        for (Deployment deployment : deployments) {
            providers.add(deployment.provider().prefix());
            tpm = sum(tpm, limit(deployment, "tpm"));
            rpm = sum(rpm, limit(deployment, "rpm"));
            Optional<ModelEntry> known = table.entryFor(deployment);
            String own = deployment.modelInfo().getString("mode");
            mode = own != null ? own : known.map(ModelEntry::mode).orElse(mode);
            Long input = longValue(deployment.modelInfo().getValue("max_input_tokens"));
            if (input == null
                    && known.isPresent()
                    && known.get().maxInputTokens().isPresent()) {
                input = known.get().maxInputTokens().getAsLong();
            }
            maxInput = max(maxInput, input);
        }
        return new JsonObject()
                .put("model_group", name)
                .put("providers", new JsonArray(List.copyOf(providers)))
                .put("max_input_tokens", maxInput)
                .put("mode", mode == null ? "chat" : mode)
                .put("tpm", tpm)
                .put("rpm", rpm);
    }

    private static Long limit(Deployment deployment, String key) {
        Long value = longValue(deployment.litellmParams().getValue(key));
        return value != null ? value : longValue(deployment.modelInfo().getValue(key));
    }

    private static Long sum(Long total, Long value) {
        if (value == null) {
            return total;
        }
        return total == null ? value : Long.valueOf(total + value);
    }

    private static Long max(Long current, Long value) {
        if (value == null) {
            return current;
        }
        return current == null ? value : Long.valueOf(Math.max(current, value));
    }

    private static Long longValue(Object value) {
        return value instanceof Number number ? number.longValue() : null;
    }
}
