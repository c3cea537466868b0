package dev.junction.router.retry;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Deployment;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A deployment's {@code litellm_params.max_retries}: in LiteLLM, the retries of the provider client built for
 * that deployment (the OpenAI SDK's), made on the same deployment before the router sees a failure; default 0,
 * as LiteLLM's router sets it. Retried are the failures that SDK retries (timeouts, connection errors, 408,
 * 409, 429 and 5xx from the upstream), after its wait: 0.5 s doubling to at most 8 s, less up to a quarter of
 * jitter, or the upstream's {@code Retry-After} when it asks for at most a minute.
 */
public final class DeploymentRetries {
    private static final Set<ErrorKind> RETRIED = Set.of(
            ErrorKind.TIMEOUT,
            ErrorKind.CONFLICT,
            ErrorKind.RATE_LIMITED,
            ErrorKind.INTERNAL,
            ErrorKind.CONNECTION,
            ErrorKind.BAD_GATEWAY,
            ErrorKind.SERVICE_UNAVAILABLE);
    private static final Duration MAX_UPSTREAM_WAIT = Duration.ofSeconds(60);

    private DeploymentRetries() {}

    /** The deployment's {@code max_retries}, 0 when unset. */
    public static int of(Deployment deployment) {
        return deployment.litellmParams().getValue("max_retries") instanceof Number n ? Math.max(0, n.intValue()) : 0;
    }

    /** Whether the provider client would try this failure again on the same deployment. */
    public static boolean retries(GatewayException error) {
        return RETRIED.contains(error.kind());
    }

    /** The wait before retry number {@code done + 1}. */
    public static Duration delay(int done, GatewayException error) {
        Duration asked = error.retryAfter().orElse(null);
        if (asked != null && !asked.isNegative() && asked.compareTo(MAX_UPSTREAM_WAIT) <= 0) {
            return asked;
        }
        double seconds = Math.min(0.5 * Math.pow(2, done), 8.0);
        double jittered = seconds * (1 - 0.25 * ThreadLocalRandom.current().nextDouble());
        return Duration.ofMillis(Math.round(jittered * 1000));
    }
}
