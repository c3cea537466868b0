package dev.junction.router;

import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.error.GatewayException;
import dev.junction.cluster.state.RoutingState;
import dev.junction.config.Deployment;
import dev.junction.router.limit.DeploymentLimits;
import dev.junction.router.limit.MinuteWindow;
import dev.junction.router.precall.DropReason;
import dev.junction.router.precall.PreCallChecks;
import dev.junction.router.precall.PreCallResult;
import dev.junction.router.resolve.Resolution;
import dev.junction.router.stats.StatsView;
import dev.junction.router.strategy.PickContext;
import dev.junction.router.strategy.RoutingStrategy;
import dev.junction.router.tags.TagFilter;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the deployment for one attempt: drops cooled-down ones, applies the pre-call checks, lets the
 * strategy pick among those within their limits, and admits the call atomically in the cluster state. A
 * deployment that filled up between the snapshot and the admission is skipped and the choice made again.
 */
final class DeploymentChooser {
    private static final int MAX_ADMISSION_RACES = 3;

    private final RoutingState state;
    private final RoutingStrategy strategy;
    private final PreCallChecks preCallChecks;
    private final TagFilter tags;

    /**
     * @param preCallChecks null when {@code enable_pre_call_checks} is off
     * @param tags null when {@code enable_tag_filtering} is off
     */
    DeploymentChooser(RoutingState state, RoutingStrategy strategy, PreCallChecks preCallChecks, TagFilter tags) {
        this.state = state;
        this.strategy = strategy;
        this.preCallChecks = preCallChecks;
        this.tags = tags;
    }

    /** Deployments of the resolution that are not cooling down (a deployment named by id is always taken). */
    List<Deployment> healthy(Resolution resolution) {
        List<Deployment> all = resolution.deployments();
        if (resolution.byId() || resolution.wildcard() || all.stream().noneMatch(this::coolingDown)) {
            return all;
        }
        return all.stream().filter(deployment -> !coolingDown(deployment)).toList();
    }

    private boolean coolingDown(Deployment deployment) {
        return state.isCoolingDown(deployment.id());
    }

    /**
     * @param call what the call learnt so far: deployments it no longer tries are left out
     * @param unable deployments that said they cannot take this request at all, never chosen again for it
     */
    Future<Attempt> choose(
            Resolution resolution, LlmRequest request, long inputTokens, CallState call, Set<String> unable) {
        List<Deployment> candidates = healthy(resolution);
        if (call.anyExcluded() || !unable.isEmpty()) {
            candidates = candidates.stream()
                    .filter(deployment -> !call.excludes(deployment) && !unable.contains(deployment.id()))
                    .toList();
        }
        if (candidates.isEmpty()) {
            return Future.failedFuture(noDeployments(resolution, MinuteWindow.untilNextWindow(Instant.now())));
        }
        String region = request.grant() == null ? null : request.grant().allowedRegion();
        if (region != null) {
            // An end user's allowed_model_region holds whether or not the other pre-call checks are on.
            candidates = candidates.stream()
                    .filter(deployment -> PreCallChecks.inRegion(deployment, region))
                    .toList();
            if (candidates.isEmpty()) {
                return Future.failedFuture(noDeployments(resolution, Duration.ofSeconds(1)));
            }
        }
        if (preCallChecks != null && request.body().containsKey("messages")) {
            PreCallResult checked = preCallChecks.apply(candidates, inputTokens, null);
            Optional<DropReason> failure = checked.failure();
            if (failure.isPresent()) {
                return Future.failedFuture(
                        failure.get() == DropReason.CONTEXT_WINDOW
                                ? RoutingErrors.contextWindow(resolution.modelGroup(), inputTokens)
                                : noDeployments(resolution, Duration.ofSeconds(1)));
            }
            candidates = checked.deployments();
        }
        // Last, as in LiteLLM: tags choose among the deployments that could take the call.
        if (tags != null && !resolution.byId()) {
            try {
                candidates = tags.apply(candidates, resolution.deployments(), request, resolution.modelGroup());
            } catch (GatewayException refused) {
                return Future.failedFuture(refused);
            }
        }
        return pickAndAdmit(resolution, candidates, request, inputTokens, new HashSet<>(), 0);
    }

    private Future<Attempt> pickAndAdmit(
            Resolution resolution,
            List<Deployment> candidates,
            LlmRequest request,
            long inputTokens,
            Set<String> raced,
            int races) {
        List<Deployment> open = raced.isEmpty()
                ? candidates
                : candidates.stream().filter(d -> !raced.contains(d.id())).toList();
        List<String> ids = new ArrayList<>(open.size());
        for (Deployment deployment : open) {
            ids.add(deployment.id());
        }
        return state.snapshot(ids).compose(snapshots -> {
            StatsView stats = new StateStats(snapshots);
            Optional<Deployment> picked = strategy.pick(open, stats, PickContext.of(inputTokens, request.stream()));
            if (picked.isEmpty()) {
                return Future.failedFuture(noDeployments(resolution, MinuteWindow.untilNextWindow(Instant.now())));
            }
            Deployment chosen = picked.get();
            DeploymentLimits limits = DeploymentLimits.of(chosen);
            long started = System.nanoTime();
            return state.admit(
                            chosen.id(),
                            limits.rpm().orElse(Long.MAX_VALUE),
                            limits.tpm().orElse(Long.MAX_VALUE),
                            inputTokens)
                    .compose(admission -> {
                        if (admission.admitted()) {
                            return Future.succeededFuture(
                                    new Attempt(resolution, chosen, admission, inputTokens, started));
                        }
                        if (races + 1 >= MAX_ADMISSION_RACES || open.size() <= 1) {
                            return Future.failedFuture(
                                    noDeployments(resolution, MinuteWindow.untilNextWindow(Instant.now())));
                        }
                        raced.add(chosen.id());
                        return pickAndAdmit(resolution, candidates, request, inputTokens, raced, races + 1);
                    });
        });
    }

    private GatewayException noDeployments(Resolution resolution, Duration untilWindow) {
        List<String> cooling = resolution.deployments().stream()
                .map(Deployment::id)
                .filter(state::isCoolingDown)
                .toList();
        Duration retryAfter = cooling.stream()
                .map(id -> state.cooldownRemaining(id).orElse(Duration.ZERO))
                .min(Duration::compareTo)
                .filter(d -> cooling.size() == resolution.deployments().size())
                .orElse(untilWindow);
        return RoutingErrors.noDeployments(resolution.modelGroup(), retryAfter, preCallChecks != null, cooling);
    }
}
