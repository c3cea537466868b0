package dev.junction.gateway;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import dev.junction.cluster.bus.BusContract;
import dev.junction.cluster.cache.ResponseCacheMaps;
import dev.junction.cluster.node.ClusterView;
import dev.junction.cluster.node.ConfigAgreement;
import dev.junction.cluster.node.HazelcastConfigFactory;
import dev.junction.cluster.responses.ResponseStore;
import dev.junction.cluster.spend.SpendMap;
import dev.junction.cluster.state.BatchedRoutingState;
import dev.junction.cluster.state.FailOpenRoutingState;
import dev.junction.cluster.state.HazelcastRoutingState;
import dev.junction.cluster.state.LocalRoutingState;
import dev.junction.cluster.state.RoutingState;
import dev.junction.config.ConfigFingerprint;
import dev.junction.gateway.access.NodeAccess;
import dev.junction.gateway.http.BodyBudget;
import dev.junction.gateway.http.HttpVerticle;
import dev.junction.gateway.models.LiveModels;
import dev.junction.gateway.observe.Observability;
import dev.junction.gateway.observe.metrics.NodeMetrics;
import dev.junction.provider.ProviderVerticles;
import dev.junction.provider.http.ProviderHttpSettings;
import dev.junction.router.RouterComponents;
import dev.junction.router.RouterVerticle;
import dev.junction.router.cache.CacheStores;
import dev.junction.router.resolve.LiveDeployments;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.net.BindException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Junction node: a Hazelcast cluster member whose Vert.x instance runs the HTTP, router and
 * provider verticles. A lone node is a one-member cluster.
 */
public final class JunctionNode {
    private static final Logger LOG = LoggerFactory.getLogger(JunctionNode.class);
    private static final int SHARED_RANDOM_PORT = -1;
    static final long DEFAULT_SYNC_MILLIS = 10;

    private final Vertx vertx;
    private final ClusterView cluster;
    private final List<HttpVerticle> servers;
    private final int port;
    private final RoutingState state;
    private final KeyPersistence keys;
    private final Observability observability;
    private final LiveDeployments deployments;

    private JunctionNode(
            Vertx vertx,
            ClusterView cluster,
            List<HttpVerticle> servers,
            int port,
            RoutingState state,
            KeyPersistence keys,
            Observability observability,
            LiveDeployments deployments) {
        this.vertx = vertx;
        this.cluster = cluster;
        this.servers = List.copyOf(servers);
        this.port = port;
        this.state = state;
        this.keys = keys;
        this.observability = observability;
        this.deployments = deployments;
    }

    public static Future<JunctionNode> start(NodeOptions options) {
        Config hazelcast = HazelcastConfigFactory.build(options.cluster());
        options.config().general().budgetQuorum().ifPresent(members -> SpendMap.requireQuorum(hazelcast, members));
        ResponseCacheMaps.configure(hazelcast, options.config().cache());
        HazelcastClusterManager manager = new HazelcastClusterManager(hazelcast);
        // Epoll where Netty ships it (Linux x86-64): fewer system calls per request; NIO elsewhere.
        VertxOptions vertxOptions =
                new VertxOptions().setEventLoopPoolSize(options.instances()).setPreferNativeTransport(true);
        NodeMetrics metrics = Observability.metricsFor(options.config());
        VertxBuilder builder = metrics == null
                ? Vertx.builder().with(vertxOptions)
                : metrics.instrument(Vertx.builder(), vertxOptions);
        return builder.withClusterManager(manager).buildClustered().compose(vertx -> deploy(
                        vertx, manager, options, metrics)
                .recover(failure -> vertx.close().transform(closed -> Future.failedFuture(failure))));
    }

    private static Future<JunctionNode> deploy(
            Vertx vertx, HazelcastClusterManager manager, NodeOptions options, NodeMetrics metrics) {
        HazelcastInstance hazelcast = manager.getHazelcastInstance();
        ClusterView cluster = ClusterView.of(manager, hazelcast);
        String fingerprint = ConfigFingerprint.of(options.config());
        BusContract.registerCodecs(vertx);
        DeploymentOptions instances = new DeploymentOptions().setInstances(options.instances());
        Future<RouterComponents> components = vertx.executeBlocking(() -> RouterComponents.build(options.config()));
        Future<RoutingState> state = vertx.executeBlocking(() -> {
            new ConfigAgreement(hazelcast, fingerprint).publishAndCheck();
            return routingState(vertx, hazelcast, options.config().router().merged());
        });
        Future<KeyPersistence> keys = vertx.executeBlocking(
                () -> KeyPersistence.open(vertx, hazelcast, options.config().general(), options.dataDir()));
        // Creating a map proxy may wait on the cluster: never on an event loop.
        Future<ResponseStore> responses = vertx.executeBlocking(() -> new ResponseStore(vertx, hazelcast));
        List<HttpVerticle> servers = new CopyOnWriteArrayList<>();
        Future<CacheStores> cache = vertx.executeBlocking(
                () -> CacheStores.open(vertx, hazelcast, options.config().cache()));
        Observability[] observability = {Observability.none()};
        Promise<LiveModels> models = Promise.promise();
        return Future.all(List.of(components, state, keys, responses, cache))
                .compose(ready -> keys.result().services().directory().confirmAcross(vertx, cluster))
                // The cluster's current models before anything serves: a joining node never answers from an older
                // version.
                .compose(ready -> LiveModels.start(
                                vertx,
                                hazelcast,
                                cluster,
                                keys.result().store().models(),
                                keys.result().worker(),
                                options.config().general(),
                                components.result().deployments(),
                                System.getenv())
                        .onComplete(models))
                .compose(ready -> {
                    observability[0] = Observability.start(new Observability.Parts(
                            vertx,
                            hazelcast,
                            cluster,
                            options.config(),
                            state.result(),
                            keys.result().services(),
                            metrics,
                            components.result()::costOf));
                    return ProviderVerticles.deploy(vertx, ProviderHttpSettings.DEFAULT, options.instances());
                })
                .compose(v -> vertx.deployVerticle(
                        () -> new RouterVerticle(
                                components.result(),
                                state.result(),
                                keys.result().services().ledger(),
                                keys.result().calls(),
                                cache.result()),
                        instances))
                .compose(v -> deployHttp(
                        vertx,
                        cluster,
                        fingerprint,
                        components.result(),
                        models.future().result(),
                        options,
                        keys.result(),
                        responses.result(),
                        observability[0],
                        servers,
                        cache.result()))
                .map(port -> new JunctionNode(
                        vertx,
                        cluster,
                        servers,
                        port,
                        state.result(),
                        keys.result(),
                        observability[0],
                        components.result().deployments()))
                .onFailure(failure -> {
                    observability[0].close();
                    if (keys.succeeded()) {
                        keys.result().close();
                    }
                });
    }

    /**
     * {@code rate_limit_accuracy: strict} makes every admission one atomic cluster call (failing open to this
     * node's own counts when the cluster does not answer in time); the default decides on a local view synced
     * every {@code rate_limit_sync_interval_ms} (10 ms), so no request waits on the network.
     */
    private static RoutingState routingState(Vertx vertx, HazelcastInstance hazelcast, JsonObject router) {
        Clock clock = Clock.systemUTC();
        HazelcastRoutingState cluster = new HazelcastRoutingState(vertx, hazelcast, clock);
        if ("strict".equals(router.getString("rate_limit_accuracy"))) {
            return new FailOpenRoutingState(
                    cluster,
                    new LocalRoutingState(clock),
                    FailOpenRoutingState.DEFAULT_TIMEOUT,
                    FailOpenRoutingState.DEFAULT_LOCAL_PERIOD);
        }
        Duration interval = Duration.ofMillis(router.getLong("rate_limit_sync_interval_ms", DEFAULT_SYNC_MILLIS));
        return new BatchedRoutingState(vertx, hazelcast, cluster, clock, interval);
    }

    /**
     * Every instance listens on the same port. For port 0, Vert.x's shared random port (a negative port
     * number) makes all instances share the one free port the first of them got.
     */
    private static Future<Integer> deployHttp(
            Vertx vertx,
            ClusterView cluster,
            String fingerprint,
            RouterComponents components,
            LiveModels liveModels,
            NodeOptions options,
            KeyPersistence keys,
            ResponseStore responses,
            Observability observability,
            List<HttpVerticle> servers,
            CacheStores cache) {
        int port = options.port() == 0 ? SHARED_RANDOM_PORT : options.port();
        // One budget for the node: its event loops share one heap.
        BodyBudget bodyBudget = BodyBudget.of(options.config().general());
        NodeAccess access = NodeAccess.create(
                vertx, options.config().general().access(), keys.services().directory(), cluster);
        Supplier<HttpVerticle> server = () -> {
            HttpVerticle verticle = new HttpVerticle(
                    options.config(),
                    components.deployments(),
                    liveModels,
                    cluster,
                    fingerprint,
                    options.host(),
                    port,
                    keys.services(),
                    responses,
                    observability,
                    bodyBudget,
                    access,
                    cache,
                    keys.management(),
                    components.table());
            servers.add(verticle);
            return verticle;
        };
        HttpVerticle first = server.get();
        return vertx.deployVerticle(first)
                .recover(failure -> Future.failedFuture(bindFailure(failure, options)))
                .compose(id -> {
                    if (options.instances() == 1) {
                        return Future.succeededFuture(first.actualPort());
                    }
                    return vertx.deployVerticle(server, new DeploymentOptions().setInstances(options.instances() - 1))
                            .map(more -> first.actualPort());
                });
    }

    /**
     * A port already taken, or a host that is no address of this machine (a name that does not resolve, an
     * address of another machine), becomes a one-line message naming it and the flag that changes it.
     */
    private static Throwable bindFailure(Throwable failure, NodeOptions options) {
        String message = String.valueOf(failure.getMessage());
        if (failure instanceof UnknownHostException || message.contains("Cannot assign requested address")) {
            return new StartupFailure("--host " + options.host() + " is not an address of this machine;"
                    + " use one of its addresses, 0.0.0.0 for all of them or 127.0.0.1 for local clients only");
        }
        boolean inUse = failure instanceof BindException || message.contains("Address already in use");
        return inUse
                ? new StartupFailure("port " + options.port() + " is already in use on " + options.host()
                        + "; stop what holds it or choose another port with --port")
                : failure;
    }

    public int port() {
        return port;
    }

    public Vertx vertx() {
        return vertx;
    }

    /** Reloads the {@code model_list} of {@code file} ({@link ConfigReload}), resolving against {@code env}. */
    ConfigReload configReload(Path file, java.util.Map<String, String> env) {
        return new ConfigReload(vertx, file, deployments, env);
    }

    public ClusterView cluster() {
        return cluster;
    }

    /** Undeploys everything and leaves the cluster at once, cutting any request in flight. */
    public Future<Void> close() {
        // Flushing blocks and Vert.x is shutting down: neither may run on, or complete onto, an event loop.
        CompletableFuture<Void> closed = CompletableFuture.runAsync(this::flushState)
                .thenRun(observability::close)
                .thenCompose(flushed -> vertx.close().toCompletionStage())
                .whenComplete((done, failure) -> keys.close());
        return Future.fromCompletionStage(closed);
    }

    /**
     * Pushes the usage this node counted but has not shared yet, and writes the spend of the counters it owns.
     * Blocking.
     */
    private void flushState() {
        if (state instanceof BatchedRoutingState batched) {
            batched.flush();
        }
        keys.flush();
    }

    /**
     * Leaves gracefully: stops accepting connections, lets the requests and streams in flight finish for up to
     * {@code grace} (routing, upstream calls and the cluster state keep working meanwhile), then undeploys
     * everything and leaves the cluster; Hazelcast hands this member's partitions over before it goes.
     */
    public Future<Void> shutdown(Duration grace) {
        LOG.info("Shutting down: no new connections; waiting up to {} s for requests in flight", grace.toSeconds());
        long started = System.nanoTime();
        CompletableFuture<Void> drained = Future.join(
                        servers.stream().map(server -> server.shutdown(grace)).toList())
                .toCompletionStage()
                .toCompletableFuture()
                .handle((done, failure) -> null);
        return Future.fromCompletionStage(drained.thenCompose(done -> {
            LOG.info(
                    "Requests in flight done after {} ms; leaving the cluster",
                    (System.nanoTime() - started) / 1_000_000);
            return close().toCompletionStage();
        }));
    }
}
