package dev.junction.router.cooldown;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.config.Deployment;
import dev.junction.config.RouterSettings;
import dev.junction.router.policy.ErrorCategory;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a failed call takes its deployment out of rotation, and for how long (LiteLLM's cooldown rules).
 *
 * <p>By default the failure-rate rule applies: a 429 in a group with other deployments, more than half of the
 * last minute's calls failing in such a group, a 401 or 404 at once (even alone in its group, since those
 * will not fix themselves), or a lone deployment failing every one of at least 1000 calls. Setting {@code
 * allowed_fails} to anything but its default 3, or any {@code allowed_fails_policy}, switches to the legacy
 * rule: more failures than allowed within {@link #legacyFailWindow()} of each other.
 *
 * <p>LiteLLM decides the mode by comparing the Router's {@code allowed_fails} with the module setting, so
 * there {@code allowed_fails} in {@code litellm_settings} alone keeps the default rule. Junction reads the
 * merged settings and treats any non-default value the same way, wherever it is set.
 */
public final class CooldownPolicy {
    public static final int DEFAULT_ALLOWED_FAILS = 3;
    public static final Duration DEFAULT_COOLDOWN_TIME = Duration.ofSeconds(5);
    /** More than this share of failures cools a deployment that has siblings. */
    public static final double FAILURE_THRESHOLD = 0.5;
    /** A lone deployment is cooled only when it failed every call of at least this many. */
    public static final long SINGLE_DEPLOYMENT_MIN_CALLS = 1000;

    /** The 4xx answers that say something about the deployment rather than the request. */
    private static final Set<Integer> COOLING_4XX = Set.of(401, 404, 408, 429);

    private final boolean disabled;
    private final int allowedFails;
    private final JsonObject allowedFailsPolicy;
    private final Duration routerCooldown;

    public CooldownPolicy(RouterSettings settings) {
        JsonObject merged = settings.merged();
        this.disabled = Boolean.TRUE.equals(merged.getValue("disable_cooldowns"));
        this.allowedFails = merged.getValue("allowed_fails") instanceof Number n ? n.intValue() : DEFAULT_ALLOWED_FAILS;
        this.allowedFailsPolicy = merged.getJsonObject("allowed_fails_policy");
        // LiteLLM's `cooldown_time or default`: 0 means unset, not "never cool down".
        Duration configured = seconds(merged.getValue("cooldown_time"));
        this.routerCooldown = configured == null || configured.isZero() ? DEFAULT_COOLDOWN_TIME : configured;
    }

    /** Whether the legacy {@code allowed_fails} rule applies instead of the failure-rate rule. */
    public boolean legacyRule() {
        return allowedFailsPolicy != null || allowedFails != DEFAULT_ALLOWED_FAILS;
    }

    /**
     * How far apart failures may be and still add up under the legacy rule: LiteLLM keeps that counter
     * with a ttl of the router's cooldown time, refreshed on every failure (not the "per minute" its docs
     * say).
     */
    public Duration legacyFailWindow() {
        return routerCooldown;
    }

    /** The cooldown for this failure, or empty when the deployment stays in rotation. */
    public Optional<Duration> decide(Failure failure) {
        return shouldCooldown(failure)
                ? Optional.of(cooldownTime(failure.deployment(), failure.retryAfter()))
                : Optional.empty();
    }

    public boolean shouldCooldown(Failure failure) {
        if (disabled || failure.wildcard() || !blamesDeployment(failure.kind())) {
            return false;
        }
        int status = failure.status();
        if (status >= 400 && status < 500 && !COOLING_4XX.contains(status)) {
            return false;
        }
        if (cooldownTime(failure.deployment(), failure.retryAfter()).isZero()) {
            return false;
        }
        return legacyRule() ? legacyRuleCools(failure) : failureRateRuleCools(failure, status);
    }

    // Connection errors are skipped as LiteLLM skips "APIConnectionError": the breaker handles transport
    // trouble. Errors that did not come from the deployment's answer say nothing about it.
    private static boolean blamesDeployment(ErrorKind kind) {
        return kind.fromUpstream() && kind != ErrorKind.CONNECTION && kind != ErrorKind.CIRCUIT_OPEN;
    }

    private boolean failureRateRuleCools(Failure failure, int status) {
        boolean hasSiblings = failure.groupSize() > 1;
        long fails = Math.max(1, failure.outcomes().fails());
        long calls = fails + failure.outcomes().successes();
        double failureRate = fails / (double) calls;
        if (status == 429 && hasSiblings) {
            return true;
        }
        if (failureRate == 1.0 && calls >= SINGLE_DEPLOYMENT_MIN_CALLS) {
            return true;
        }
        if (failureRate > FAILURE_THRESHOLD && hasSiblings) {
            return true;
        }
        // What is not worth retrying is worth cooling at once.
        return !ErrorKind.retryableStatus(status);
    }

    private boolean legacyRuleCools(Failure failure) {
        return Math.max(1, failure.outcomes().failsInLegacyWindow()) > allowedFailsFor(failure.kind());
    }

    /** The policy's count for the error's class; a missing or 0 entry means {@code allowed_fails}, as in LiteLLM. */
    int allowedFailsFor(ErrorKind kind) {
        if (allowedFailsPolicy != null) {
            for (ErrorCategory category : ErrorCategory.of(kind)) {
                if (allowedFailsPolicy.getValue(category.allowedFailsKey()) instanceof Number n && n.intValue() > 0) {
                    return n.intValue();
                }
            }
        }
        return allowedFails;
    }

    /**
     * How long to cool the deployment: its own {@code cooldown_time} (0 disables cooldown for it), else the
     * upstream's {@code Retry-After}, else the router's {@code cooldown_time} (5 s when unset or 0).
     */
    public Duration cooldownTime(Deployment deployment, Duration upstreamRetryAfter) {
        Duration own = seconds(deployment.litellmParams().getValue("cooldown_time"));
        if (own != null && !own.isNegative()) {
            return own;
        }
        if (upstreamRetryAfter != null && !upstreamRetryAfter.isNegative()) {
            return upstreamRetryAfter;
        }
        return routerCooldown;
    }

    private static Duration seconds(Object value) {
        if (!(value instanceof Number number)) {
            return null;
        }
        return Duration.ofNanos(Math.round(number.doubleValue() * 1_000_000_000d));
    }
}
