package dev.junction.gateway.observe;

import com.hazelcast.core.HazelcastInstance;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.cluster.node.ClusterView;
import dev.junction.cluster.observe.CallObserver;
import dev.junction.cluster.state.RoutingState;
import dev.junction.config.Deployment;
import dev.junction.config.JunctionConfig;
import dev.junction.config.ObservabilitySettings;
import dev.junction.gateway.keys.KeyServices;
import dev.junction.gateway.observe.alerts.Alerting;
import dev.junction.gateway.observe.callbacks.LogCallbacks;
import dev.junction.gateway.observe.health.BackgroundHealthChecks;
import dev.junction.gateway.observe.health.HealthChecks;
import dev.junction.gateway.observe.health.HealthRoutes;
import dev.junction.gateway.observe.logs.AttemptLog;
import dev.junction.gateway.observe.metrics.CallMetrics;
import dev.junction.gateway.observe.metrics.NodeMetrics;
import dev.junction.gateway.observe.metrics.PrometheusEndpoint;
import dev.junction.gateway.observe.tracing.Tracing;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A node's observability, assembled once from the config: the observers of the request path, and the
 * routes that show what they saw ({@code /metrics}, {@code /health}, {@code /health/services}).
 */
public final class Observability implements AutoCloseable {
    private final ObservabilitySettings settings;
    private final CallObserver observer;
    private final CallCosts costs;
    private final PrometheusEndpoint prometheus;
    private final HealthRoutes health;
    private final ServiceChecks services;
    private final List<AutoCloseable> closeables;

    private Observability(
            ObservabilitySettings settings,
            CallObserver observer,
            CallCosts costs,
            PrometheusEndpoint prometheus,
            HealthRoutes health,
            ServiceChecks services,
            List<AutoCloseable> closeables) {
        this.services = services;
        this.settings = settings;
        this.observer = observer;
        this.costs = costs;
        this.prometheus = prometheus;
        this.health = health;
        this.closeables = List.copyOf(closeables);
    }

    /** Nothing observed, no routes: a node that failed to start closes this. */
    public static Observability none() {
        return new Observability(
                ObservabilitySettings.defaults(), CallObserver.NONE, CallCosts.NONE, null, null, null, List.of());
    }

    /** What a node needs to observe itself. */
    public record Parts(
            Vertx vertx,
            HazelcastInstance hazelcast,
            ClusterView cluster,
            JunctionConfig config,
            RoutingState state,
            KeyServices keys,
            NodeMetrics metrics,
            CallCosts costs) {}

    /** Builds every observer the config asks for. {@code parts.metrics()} is null unless Prometheus is on. */
    public static Observability start(Parts parts) {
        ObservabilitySettings settings = parts.config().observability();
        List<CallObserver> observers = new ArrayList<>();
        List<AutoCloseable> closeables = new ArrayList<>();
        Alerting alerting = Alerting.start(
                parts.vertx(), parts.hazelcast(), parts.cluster().nodeId(), parts.config(), parts.keys());
        if (alerting != null) {
            observers.add(alerting.observer());
            closeables.add(alerting);
        }
        if (settings.has(ObservabilitySettings.OTEL)) {
            Tracing tracing = Tracing.start(settings);
            observers.add(tracing.observer());
            closeables.add(tracing);
        }
        if (AttemptLog.wanted()) {
            observers.add(new AttemptLog());
        }
        LogCallbacks logs = LogCallbacks.start(parts.vertx(), settings);
        observers.add(logs.observer());
        closeables.add(logs);
        Map<String, Deployment> byId = parts.config().deploymentsById();
        HealthChecks checks = new HealthChecks(
                parts.vertx(),
                parts.hazelcast(),
                settings.health(),
                parts.config().deployments(),
                parts.state(),
                result -> {
                    if (!result.healthy() && alerting != null) {
                        alerting.healthCheckFailed(byId.get(result.deploymentId()), result.error());
                    }
                });
        if (settings.health().background()) {
            closeables.add(new BackgroundHealthChecks(
                            parts.vertx(),
                            parts.hazelcast(),
                            checks,
                            parts.cluster().nodeId())
                    .start());
        }
        PrometheusEndpoint prometheus = null;
        if (parts.metrics() != null) {
            parts.metrics().nodeIs(parts.cluster().nodeId());
            observers.add(new CallMetrics(parts.metrics().registry()));
            prometheus = new PrometheusEndpoint(
                    parts.vertx(),
                    parts.metrics(),
                    parts.hazelcast(),
                    parts.cluster(),
                    parts.state(),
                    parts.config().deployments(),
                    checks::unhealthy,
                    parts.keys().ledger(),
                    parts.keys().directory());
            closeables.add(prometheus);
            closeables.add(parts.metrics()::close);
        }
        StartupLine.log(settings, prometheus != null, alerting == null ? List.of() : alerting.channelNames());
        return new Observability(
                settings,
                CallObserver.all(observers),
                parts.costs(),
                prometheus,
                new HealthRoutes(checks),
                new ServiceChecks(settings, prometheus != null, alerting),
                closeables);
    }

    /** A node's registry when the config turns Prometheus on: made before Vert.x, which records into it. */
    public static NodeMetrics metricsFor(JunctionConfig config) {
        return config.observability().has(ObservabilitySettings.PROMETHEUS) ? new NodeMetrics() : null;
    }

    public CallObserver observer() {
        return observer;
    }

    public CallCosts costs() {
        return costs;
    }

    public ObservabilitySettings settings() {
        return settings;
    }

    /** Routes served without a key: {@code /metrics}, unless {@code require_auth_for_metrics_endpoint}. */
    public void mountPublic(Router router) {
        if (prometheus != null && !settings.metricsNeedAuth()) {
            router.get("/metrics").handler(this::metrics);
        }
    }

    /** Routes behind the key check; {@code isAdmin} tells whether a request's caller has the master key. */
    public void mountAuthenticated(Router router, Predicate<RoutingContext> isAdmin) {
        if (prometheus != null && settings.metricsNeedAuth()) {
            router.get("/metrics").handler(this::metrics);
        }
        if (health != null) {
            Handler<RoutingContext> adminOnly = ctx -> {
                if (isAdmin.test(ctx)) {
                    ctx.next();
                } else {
                    ctx.fail(GatewayException.of(
                            ErrorKind.AUTHENTICATION,
                            "Authentication Error, only the master key can call "
                                    + ctx.request().path()));
                }
            };
            router.get("/health").handler(adminOnly).handler(health::health);
            router.get("/health/services").handler(adminOnly).handler(services::serve);
        }
    }

    private void metrics(RoutingContext ctx) {
        prometheus.serve(ctx.request());
    }

    @Override
    public void close() {
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // shutting down: each part is closed even when another fails
            }
        }
    }
}
