package dev.junction.provider.http;

import dev.junction.cluster.error.GatewayException;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One circuit breaker per deployment. A breaker counts only failures that say the deployment itself is
 * unwell (transport errors, timeouts, 5xx: {@code ErrorKind.countsAgainstBreaker}); a 4xx is about the
 * request and never opens it. Cancellations by a departed client are not failures at all.
 */
public final class Breakers {
    private final Vertx vertx;
    private final BreakerSettings settings;
    private final Map<String, CircuitBreaker> byDeployment = new ConcurrentHashMap<>();

    public Breakers(Vertx vertx, BreakerSettings settings) {
        this.vertx = vertx;
        this.settings = settings;
    }

    public CircuitBreaker forDeployment(String deploymentId) {
        return byDeployment.computeIfAbsent(deploymentId, this::create);
    }

    private CircuitBreaker create(String deploymentId) {
        CircuitBreakerOptions options = new CircuitBreakerOptions()
                .setMaxFailures(settings.maxFailures())
                .setFailuresRollingWindow(settings.failureWindow().toMillis())
                .setResetTimeout(settings.resetTimeout().toMillis())
                // The exchange enforces its own timeouts and reports them as failures.
                .setTimeout(-1)
                .setNotificationAddress(null);
        CircuitBreaker breaker = CircuitBreaker.create("deployment-" + deploymentId, vertx, options);
        breaker.failurePolicy(outcome -> outcome.failed() && countsAgainst(outcome.cause()));
        return breaker;
    }

    private static boolean countsAgainst(Throwable failure) {
        return failure instanceof GatewayException gateway && gateway.kind().countsAgainstBreaker();
    }

    public void closeAll() {
        byDeployment.values().forEach(CircuitBreaker::close);
        byDeployment.clear();
    }
}
