package dev.junction.gateway.observe.metrics;

import dev.junction.cluster.state.RoutingState;
import dev.junction.cluster.state.UsageSnapshot;
import dev.junction.config.Deployment;
import dev.junction.router.limit.DeploymentLimits;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The deployment gauges, read from the cluster's shared state when Prometheus scrapes (not kept per node):
 * every node reports the same cluster-wide value, so dashboards take {@code max} over nodes, not a sum.
 * {@code litellm_deployment_state} is 0 (healthy), 1 (partial outage: failures this minute) or 2 (cooled
 * down, or its last health check failed).
 */
final class ClusterGauges {
    private final RoutingState state;
    private final List<Deployment> deployments;
    private final Supplier<Set<String>> unhealthy;
    private final MultiGauge deploymentState;
    private final MultiGauge rpmLimit;
    private final MultiGauge tpmLimit;
    private final MultiGauge remainingRequests;
    private final MultiGauge remainingTokens;

    /** @param unhealthy ids of deployments whose last health check failed */
    ClusterGauges(
            MeterRegistry registry, RoutingState state, List<Deployment> deployments, Supplier<Set<String>> unhealthy) {
        this.state = state;
        this.deployments = List.copyOf(deployments);
        this.unhealthy = unhealthy;
        deploymentState = gauge(
                registry,
                "litellm_deployment_state",
                "LLM Deployment Analytics - The state of the deployment: 0 = healthy, 1 = partial outage, 2 = complete"
                        + " outage");
        rpmLimit = gauge(registry, "litellm_deployment_rpm_limit", "Deployment RPM limit found in config");
        tpmLimit = gauge(registry, "litellm_deployment_tpm_limit", "Deployment TPM limit found in config");
        remainingRequests = gauge(
                registry,
                "litellm_remaining_requests_metric",
                "LLM Deployment Analytics - remaining requests for model this minute, cluster-wide");
        remainingTokens = gauge(
                registry,
                "litellm_remaining_tokens_metric",
                "LLM Deployment Analytics - remaining tokens for model this minute, cluster-wide");
    }

    private static MultiGauge gauge(MeterRegistry registry, String name, String help) {
        return MultiGauge.builder(name).description(help).register(registry);
    }

    /** Reads the state of every deployment from the cluster and sets the gauges. */
    Future<Void> refresh() {
        List<String> ids = deployments.stream().map(Deployment::id).distinct().toList();
        long window = RoutingState.windowOf(System.currentTimeMillis());
        return state.snapshot(ids).map(snapshots -> {
            set(snapshots, window);
            return null;
        });
    }

    private void set(Map<String, UsageSnapshot> snapshots, long window) {
        Set<String> failing = unhealthy.get();
        List<MultiGauge.Row<?>> states = new ArrayList<>();
        List<MultiGauge.Row<?>> rpm = new ArrayList<>();
        List<MultiGauge.Row<?>> tpm = new ArrayList<>();
        List<MultiGauge.Row<?>> requestsLeft = new ArrayList<>();
        List<MultiGauge.Row<?>> tokensLeft = new ArrayList<>();
        for (Deployment deployment : deployments) {
            UsageSnapshot now =
                    snapshots.getOrDefault(deployment.id(), UsageSnapshot.EMPTY).in(window);
            Tags tags = deploymentTags(deployment);
            states.add(MultiGauge.Row.of(tags, stateOf(deployment, now, failing)));
            DeploymentLimits limits = DeploymentLimits.of(deployment);
            Tags usageTags = Tags.of("model_group", deployment.modelName())
                    .and("api_provider", deployment.provider().prefix())
                    .and("api_base", orNone(CallMetrics.apiBase(deployment)))
                    .and("litellm_model_name", deployment.litellmModel())
                    .and("hashed_api_key", MeterFamily.NONE)
                    .and("api_key_alias", MeterFamily.NONE)
                    .and("model_id", deployment.id());
            limits.rpm().ifPresent(limit -> {
                rpm.add(MultiGauge.Row.of(tags, limit));
                requestsLeft.add(MultiGauge.Row.of(usageTags, Math.max(0, limit - now.requests())));
            });
            limits.tpm().ifPresent(limit -> {
                tpm.add(MultiGauge.Row.of(tags, limit));
                tokensLeft.add(MultiGauge.Row.of(usageTags, Math.max(0, limit - now.tokens())));
            });
        }
        deploymentState.register(states, true);
        rpmLimit.register(rpm, true);
        tpmLimit.register(tpm, true);
        remainingRequests.register(requestsLeft, true);
        remainingTokens.register(tokensLeft, true);
    }

    private int stateOf(Deployment deployment, UsageSnapshot now, Set<String> failing) {
        if (state.isCoolingDown(deployment.id()) || failing.contains(deployment.id())) {
            return 2;
        }
        return now.failures() > 0 ? 1 : 0;
    }

    static Tags deploymentTags(Deployment deployment) {
        return Tags.of("litellm_model_name", deployment.litellmModel())
                .and("model_id", deployment.id())
                .and("api_base", orNone(CallMetrics.apiBase(deployment)))
                .and("api_provider", deployment.provider().prefix());
    }

    private static String orNone(String value) {
        return value == null ? MeterFamily.NONE : value;
    }
}
