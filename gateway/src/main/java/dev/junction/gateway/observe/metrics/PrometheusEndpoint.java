package dev.junction.gateway.observe.metrics;

import com.hazelcast.core.HazelcastInstance;
import dev.junction.cluster.node.ClusterView;
import dev.junction.cluster.spend.BudgetLedger;
import dev.junction.cluster.state.RoutingState;
import dev.junction.config.Deployment;
import dev.junction.gateway.keys.KeyDirectory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics}: the cluster-wide gauges are read from the shared state, then the whole registry is
 * written on a worker, in Prometheus's text format unless the scraper asks for another. A scrape never waits on the cluster longer than {@link
 * #REFRESH_WAIT}: past that it answers with the gauges as last read.
 */
public final class PrometheusEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PrometheusEndpoint.class);
    private static final Duration REFRESH_WAIT = Duration.ofSeconds(3);

    private final Vertx vertx;
    private final NodeMetrics metrics;
    private final ClusterGauges deployments;
    private final BudgetGauges budgets;
    private final RuntimeGauges runtime;
    private final AtomicBoolean refreshFailureLogged = new AtomicBoolean();

    public PrometheusEndpoint(
            Vertx vertx,
            NodeMetrics metrics,
            HazelcastInstance hazelcast,
            ClusterView cluster,
            RoutingState state,
            List<Deployment> configured,
            Supplier<Set<String>> unhealthy,
            BudgetLedger ledger,
            KeyDirectory directory) {
        this.vertx = vertx;
        this.metrics = metrics;
        this.deployments = new ClusterGauges(metrics.registry(), state, configured, unhealthy);
        this.budgets = new BudgetGauges(metrics.registry(), vertx, ledger, directory);
        this.runtime = new RuntimeGauges(
                metrics.registry(),
                ((io.vertx.core.internal.VertxInternal) vertx).nettyEventLoopGroup(),
                hazelcast,
                cluster);
    }

    /** Answers a scrape in the format its {@code Accept} header asks for ({@link NodeMetrics#scrape}). */
    public void serve(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        Future<Void> refreshed = Future.join(deployments.refresh(), budgets.refresh())
                .<Void>mapEmpty()
                .timeout(REFRESH_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .recover(this::logOnce);
        refreshed
                .compose(done -> vertx.executeBlocking(() -> metrics.scrape(accept), false))
                .onComplete(
                        scrape -> response.putHeader(HttpHeaders.CONTENT_TYPE, scrape.contentType())
                                .end(scrape.body()),
                        failure -> response.setStatusCode(500).end("metrics could not be written"));
    }

    private Future<Void> logOnce(Throwable failure) {
        if (refreshFailureLogged.compareAndSet(false, true)) {
            LOG.warn(
                    "Could not read the cluster-wide gauges for /metrics (served as last read): {}",
                    failure.toString());
        }
        return Future.succeededFuture();
    }

    @Override
    public void close() {
        runtime.close();
    }
}
