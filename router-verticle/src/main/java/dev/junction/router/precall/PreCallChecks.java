package dev.junction.router.precall;

import dev.junction.config.Deployment;
import dev.junction.config.RouterSettings;
import dev.junction.router.model.DeploymentFields;
import dev.junction.router.model.ModelLimits;
import dev.junction.router.model.ModelTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * LiteLLM's pre-call checks ({@code enable_pre_call_checks: true}), applied to the candidates of one model
 * group before a strategy picks among them: the context window, the allowed region, then the {@code order}
 * tiers. Pure and thread-safe.
 *
 * <p>The caller removes cooled-down deployments first, so a cooling {@code order: 1} tier falls through to
 * {@code order: 2}. LiteLLM runs these checks only for requests with {@code messages} and applies {@code order}
 * only with the checks enabled; the caller keeps both rules. The RPM check of LiteLLM's list belongs to the
 * rate-limit state, not here.
 */
public final class PreCallChecks {
    private final ModelTable table;

    public PreCallChecks(ModelTable table) {
        this.table = Objects.requireNonNull(table, "table");
    }

    /** {@code enable_pre_call_checks}, or its singular spelling {@code enable_pre_call_check}, is true. */
    public static boolean enabled(RouterSettings settings) {
        return Boolean.TRUE.equals(settings.merged().getValue("enable_pre_call_checks"))
                || Boolean.TRUE.equals(settings.merged().getValue("enable_pre_call_check"));
    }

    /**
     * @param candidates the group's deployments that are not cooling down
     * @param promptTokens the request's prompt tokens; 0 when they were not counted, which passes every window
     * @param allowedRegion the only region the request may go to, or null for any
     */
    public PreCallResult apply(List<Deployment> candidates, long promptTokens, String allowedRegion) {
        List<Deployment> passed = new ArrayList<>();
        List<PreCallResult.Dropped> dropped = new ArrayList<>();
        for (Deployment deployment : candidates) {
            Optional<DropReason> reason = reject(deployment, promptTokens, allowedRegion);
            if (reason.isPresent()) {
                dropped.add(new PreCallResult.Dropped(deployment, reason.get()));
            } else {
                passed.add(deployment);
            }
        }
        return new PreCallResult(lowestOrder(passed, dropped), dropped);
    }

    /**
     * The most prompt tokens a deployment accepts: its {@code model_info.max_input_tokens}, else the table
     * entry of its base model, else of its model. Empty when unknown, and an unknown window is never exceeded.
     */
    public OptionalLong maxInputTokens(Deployment deployment) {
        return table.forDeployment(deployment).map(ModelLimits::maxInputTokens).orElse(OptionalLong.empty());
    }

    private Optional<DropReason> reject(Deployment deployment, long promptTokens, String allowedRegion) {
        OptionalLong window = maxInputTokens(deployment);
        if (window.isPresent() && promptTokens > window.getAsLong()) {
            return Optional.of(DropReason.CONTEXT_WINDOW);
        }
        if (allowedRegion != null && !DeploymentRegion.allows(deployment, allowedRegion)) {
            return Optional.of(DropReason.REGION);
        }
        return Optional.empty();
    }

    // Only the lowest order present survives; when any deployment has an order, those without one are dropped.
    private static List<Deployment> lowestOrder(List<Deployment> passed, List<PreCallResult.Dropped> dropped) {
        OptionalLong lowest = passed.stream()
                .map(DeploymentFields::order)
                .filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong)
                .min();
        if (lowest.isEmpty()) {
            return passed;
        }
        List<Deployment> tier = new ArrayList<>();
        for (Deployment deployment : passed) {
            if (DeploymentFields.order(deployment).equals(lowest)) {
                tier.add(deployment);
            } else {
                dropped.add(new PreCallResult.Dropped(deployment, DropReason.ORDER));
            }
        }
        return tier;
    }
}
