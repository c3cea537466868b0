package dev.junction.router.retry;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Deployment;
import dev.junction.config.RouterSettings;
import dev.junction.router.policy.ErrorCategory;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.Random;

/**
 * How often a failed call is retried within its model group, and how long to wait in between (LiteLLM's
 * {@code async_function_with_retries}). Retries always come before fallbacks; each retry picks a deployment
 * again.
 *
 * <p>One deliberate difference: {@code InternalServerErrorRetries} in a retry policy is honoured here (for
 * 500, 502 and 503 answers), where LiteLLM declares the key but never reads it.
 */
public final class RetryPolicyRules {
    /** LiteLLM's default, the OpenAI SDK's {@code DEFAULT_MAX_RETRIES}; its docs say 3. */
    public static final int DEFAULT_NUM_RETRIES = 2;
    /**
     * The most retries a request may ask for with its own {@code num_retries}; more is capped to this, so that
     * one client cannot hold a call (and a deployment) through an unbounded series of retries.
     */
    public static final int MAX_REQUEST_NUM_RETRIES = 10;

    static final double INITIAL_DELAY_SECONDS = 0.5;
    static final double MAX_DELAY_SECONDS = 8.0;
    /** An upstream Retry-After above this is ignored in favour of the computed back-off. */
    static final Duration MAX_HONOURED_RETRY_AFTER = Duration.ofSeconds(60);

    private final JsonObject merged;
    private final Duration retryAfter;
    private final Random random;

    public RetryPolicyRules(RouterSettings settings) {
        this(settings, new Random());
    }

    /** @param random the back-off jitter; seed it in tests */
    public RetryPolicyRules(RouterSettings settings, Random random) {
        this.merged = settings.merged();
        this.retryAfter = merged.getValue("retry_after") instanceof Number n
                ? Duration.ofNanos(Math.round(n.doubleValue() * 1_000_000_000d))
                : Duration.ZERO;
        this.random = random;
    }

    /** The configured minimum back-off ({@code retry_after}, default 0). */
    public Duration retryAfter() {
        return retryAfter;
    }

    /**
     * The retry budget of a call: the request's {@code num_retries}, else the deployment's {@code
     * litellm_params.num_retries}, else the router's (or {@code litellm_settings}') {@code num_retries}, else
     * {@value #DEFAULT_NUM_RETRIES}.
     *
     * @param requestValue the request body's {@code num_retries}, or null
     * @param deployment the deployment that failed, or null before one was chosen
     * @throws GatewayException a bad request when the request's value is not a non-negative whole number
     */
    public int numRetries(Object requestValue, Deployment deployment) {
        if (requestValue != null) {
            return requestNumRetries(requestValue);
        }
        if (deployment != null && deployment.litellmParams().getValue("num_retries") instanceof Number n) {
            return n.intValue();
        }
        return merged.getValue("num_retries") instanceof Number n ? n.intValue() : DEFAULT_NUM_RETRIES;
    }

    /**
     * A request body's {@code num_retries} (a number, or a string of one, as LiteLLM takes it), capped at
     * {@value #MAX_REQUEST_NUM_RETRIES}.
     *
     * @throws GatewayException a bad request naming {@code num_retries} when it is not a non-negative whole
     *     number
     */
    public static int requestNumRetries(Object value) {
        try {
            double count = value instanceof Number n
                    ? n.doubleValue()
                    : Double.parseDouble(value.toString().trim());
            if (count >= 0 && count == Math.rint(count) && Double.isFinite(count)) {
                return (int) Math.min(count, MAX_REQUEST_NUM_RETRIES);
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw GatewayException.badField(
                "num_retries", "num_retries must be a non-negative whole number, got '" + value + "'");
    }

    /**
     * The retries allowed for this kind of error: the group's {@code model_group_retry_policy} if it has one
     * (it replaces the global policy entirely), else {@code retry_policy}; within the policy the first key
     * that matches the error's class and is set, else {@code numRetries}.
     */
    public int retriesFor(ErrorKind kind, String modelGroup, int numRetries) {
        return policyRetries(kind, modelGroup).orElse(numRetries);
    }

    /** Whether the group's retry policy sets a count for this kind of error, which then decides alone. */
    public boolean policyNames(ErrorKind kind, String modelGroup) {
        return policyRetries(kind, modelGroup).isPresent();
    }

    private OptionalInt policyRetries(ErrorKind kind, String modelGroup) {
        JsonObject policy = policyFor(modelGroup);
        if (policy != null) {
            for (ErrorCategory category : ErrorCategory.of(kind)) {
                if (policy.getValue(category.retriesKey()) instanceof Number n) {
                    return OptionalInt.of(n.intValue());
                }
            }
        }
        return OptionalInt.empty();
    }

    private JsonObject policyFor(String modelGroup) {
        JsonObject byGroup = merged.getJsonObject("model_group_retry_policy");
        if (byGroup != null && modelGroup != null && byGroup.getValue(modelGroup) instanceof JsonObject own) {
            return own;
        }
        return merged.getJsonObject("retry_policy");
    }

    /**
     * Whether an error may be retried within the group at all (budget aside), by LiteLLM's rules. Not
     * retried: a context-window or content-policy error that has its own fallbacks to go to; a 404; any other
     * status LiteLLM's {@code _should_retry} refuses (400, 413, 422, ... : the request itself is wrong), unless
     * the retry policy sets a count for it; a 429 with no healthy deployment left when fallbacks exist; a 401
     * or 403 in a group of one; anything when no healthy deployment is left; and errors that are not a
     * deployment's answer (the client left, the gateway refused the request). 408, 409, 429, 5xx, timeouts and
     * connection errors are retried.
     *
     * @param policyNamesKind whether the retry policy sets a count for this kind ({@link #policyNames})
     * @param healthyCount the group's deployments not cooled down, after this failure was accounted for
     * @param groupSize all of the group's deployments
     * @param hasFallbacks whether generic {@code fallbacks} apply to the group
     */
    public static boolean shouldRetry(
            ErrorKind kind,
            boolean policyNamesKind,
            int healthyCount,
            int groupSize,
            boolean hasFallbacks,
            boolean hasContextWindowFallbacks,
            boolean hasContentPolicyFallbacks) {
        if (!kind.fromUpstream()) {
            return false;
        }
        // LiteLLM's list, in its order; the 429 rule is a special case of the last one, kept for clarity.
        boolean refused =
                switch (kind) {
                    case CONTEXT_WINDOW_EXCEEDED -> hasContextWindowFallbacks;
                    case CONTENT_POLICY_VIOLATION -> hasContentPolicyFallbacks;
                    case NOT_FOUND -> true;
                    case RATE_LIMITED -> healthyCount <= 0 && hasFallbacks;
                    case AUTHENTICATION, PERMISSION_DENIED -> groupSize <= 1;
                    default -> false;
                };
        // LiteLLM's status rule, which lets 401 and 403 through to be judged above.
        boolean requestIsWrong = !ErrorKind.retryableStatus(kind.httpStatus())
                && kind != ErrorKind.AUTHENTICATION
                && kind != ErrorKind.PERMISSION_DENIED
                && !policyNamesKind;
        return !refused && !requestIsWrong && healthyCount > 0;
    }

    /** {@link #backoff(int, int, Duration, Duration, boolean)} with the configured {@code retry_after}. */
    public Duration backoff(int remainingRetries, int numRetries, Duration upstreamRetryAfter, boolean healthyOthers) {
        return backoff(remainingRetries, numRetries, upstreamRetryAfter, retryAfter, healthyOthers);
    }

    /**
     * The wait before the next attempt. None when another healthy deployment can take it at once. Otherwise
     * the upstream's Retry-After when it is over 0 and at most 60 s, else an exponential back-off {@code
     * min(0.5 s * 2^attempt, 8 s)} with up to 25% jitter off, and never less than {@code retry_after}.
     *
     * @param remainingRetries retries left before this wait ({@code numRetries} before the first retry)
     * @param upstreamRetryAfter the failed answer's Retry-After, or null
     * @param healthyOthers whether the group has more than one deployment and a healthy one remains
     */
    public Duration backoff(
            int remainingRetries,
            int numRetries,
            Duration upstreamRetryAfter,
            Duration retryAfterSetting,
            boolean healthyOthers) {
        if (healthyOthers) {
            return Duration.ZERO;
        }
        if (upstreamRetryAfter != null
                && upstreamRetryAfter.compareTo(Duration.ZERO) > 0
                && upstreamRetryAfter.compareTo(MAX_HONOURED_RETRY_AFTER) <= 0) {
            return upstreamRetryAfter;
        }
        int attempt = Math.max(0, numRetries - remainingRetries);
        double seconds = Math.min(INITIAL_DELAY_SECONDS * Math.pow(2, attempt), MAX_DELAY_SECONDS);
        double jittered = seconds * (1 - 0.25 * random.nextDouble());
        Duration computed = Duration.ofNanos(Math.round(jittered * 1_000_000_000d));
        Duration floor = retryAfterSetting == null ? Duration.ZERO : retryAfterSetting;
        return computed.compareTo(floor) >= 0 ? computed : floor;
    }
}
