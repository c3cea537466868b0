package dev.junction.router;

import dev.junction.config.Deployment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves a requested model name to the deployments that may serve it: a deployment id first, then an
 * exact {@code model_name}, then a deployment's {@code litellm_params.model}.
 */
public final class ModelGroups {
    private final Map<String, Deployment> byId = new LinkedHashMap<>();
    private final Map<String, List<Deployment>> byGroup = new LinkedHashMap<>();
    private final Map<String, List<Deployment>> byLitellmModel = new LinkedHashMap<>();

    public ModelGroups(List<Deployment> deployments) {
        for (Deployment deployment : deployments) {
            byId.putIfAbsent(deployment.id(), deployment);
            byGroup.computeIfAbsent(deployment.modelName(), k -> new ArrayList<>())
                    .add(deployment);
            byLitellmModel
                    .computeIfAbsent(deployment.litellmModel(), k -> new ArrayList<>())
                    .add(deployment);
        }
        byGroup.replaceAll((k, v) -> List.copyOf(v));
        byLitellmModel.replaceAll((k, v) -> List.copyOf(v));
    }

    public Optional<Resolution> resolve(String model) {
        Deployment byDeploymentId = byId.get(model);
        if (byDeploymentId != null) {
            return Optional.of(new Resolution(byDeploymentId.modelName(), List.of(byDeploymentId)));
        }
        List<Deployment> group = byGroup.get(model);
        if (group != null) {
            return Optional.of(new Resolution(model, group));
        }
        List<Deployment> specific = byLitellmModel.get(model);
        if (specific != null) {
            return Optional.of(new Resolution(specific.get(0).modelName(), specific));
        }
        return Optional.empty();
    }

    /**
     * The deployments a name resolved to.
     *
     * @param modelGroup the group name reported back to the client
     * @param deployments the candidates, never empty
     */
    public record Resolution(String modelGroup, List<Deployment> deployments) {}
}
