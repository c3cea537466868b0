package dev.junction.gateway.http;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.cluster.node.ClusterView;
import dev.junction.cluster.responses.ResponseStore;
import dev.junction.config.AccessSettings;
import dev.junction.config.Deployment;
import dev.junction.config.JunctionConfig;
import dev.junction.gateway.access.AccessGate;
import dev.junction.gateway.access.NodeAccess;
import dev.junction.gateway.admin.AdminCalls;
import dev.junction.gateway.admin.AdminContext;
import dev.junction.gateway.admin.AdminRoutes;
import dev.junction.gateway.admin.ModelAdmin;
import dev.junction.gateway.cache.CacheRoutes;
import dev.junction.gateway.keys.Caller;
import dev.junction.gateway.keys.EndUsers;
import dev.junction.gateway.keys.KeyServices;
import dev.junction.gateway.keys.ModelAccess;
import dev.junction.gateway.keys.store.ManagementStores;
import dev.junction.gateway.models.LiveModels;
import dev.junction.gateway.observe.Observability;
import dev.junction.router.cache.CacheStores;
import dev.junction.router.model.ModelTable;
import dev.junction.router.resolve.LiveDeployments;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Listens for clients. Only parses, authenticates and dispatches; the work happens behind the event bus. */
public final class HttpVerticle extends VerticleBase {
    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private final JunctionConfig config;
    private final LiveDeployments deployments;
    private final LiveModels liveModels;
    private final ClusterView cluster;
    private final String configFingerprint;
    private final String host;
    private final int port;
    private final KeyServices keys;
    private final Observability observability;
    private final ResponseStore responses;
    private final ManagementStores stores;
    private final ModelTable table;
    private final BodyBudget bodyBudget;
    /** The access controls held once per node (JWT keys, the global parallel limit). */
    private final NodeAccess nodeAccess;
    /** The node's response cache storage, for the {@code /cache/*} routes. */
    private final CacheStores cache;

    private HttpServer server;
    private ClientConnections connections;

    public HttpVerticle(
            JunctionConfig config,
            LiveDeployments deployments,
            LiveModels liveModels,
            ClusterView cluster,
            String configFingerprint,
            String host,
            int port,
            KeyServices keys,
            ResponseStore responses,
            Observability observability,
            BodyBudget bodyBudget,
            NodeAccess nodeAccess,
            CacheStores cache,
            ManagementStores stores,
            ModelTable table) {
        this.nodeAccess = nodeAccess;
        this.cache = cache;
        this.config = config;
        this.observability = observability;
        this.keys = keys;
        this.responses = responses;
        this.stores = stores;
        this.table = table;
        this.bodyBudget = bodyBudget;
        this.deployments = deployments;
        this.liveModels = liveModels;
        this.cluster = cluster;
        this.configFingerprint = configFingerprint;
        this.host = host;
        this.port = port;
    }

    @Override
    public Future<?> start() {
        server = vertx.createHttpServer(new HttpServerOptions()
                .setCompressionSupported(false)
                .setTcpNoDelay(true)
                // No WebSocket is served: without these the handshake handler inspects every request and response.
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                // Keys arrive in headers; a long one must get a 401 from the key check, not a 431.
                .setMaxHeaderSize(MAX_HEADER_BYTES)
                // Until its first request head is complete, a connection is closed after this long without a
                // byte; from then on ClientConnections keeps its timeouts (see ConnectionInternals).
                .setIdleTimeout((int) config.general().clientHeaderTimeout().toMillis())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS));
        Clock clock = Clock.systemUTC();
        AccessSettings settings = config.general().access();
        AuthHandler auth = new AuthHandler(
                config.general().masterKey(),
                keys.directory(),
                clock,
                new AccessGate(settings),
                settings.keyHeaderName(),
                nodeAccess.jwt());
        ModelAccess access = ModelAccess.live(deployments::deployments);
        RequestParser parser = new RequestParser(config.general().allowClientSideCredentials());
        ObservedCalls observed = new ObservedCalls(observability.observer(), observability.costs());
        LlmAccess controls = new LlmAccess(auth, access, settings, nodeAccess.parallel());
        InboundRoutes handlers = new InboundRoutes(
                config,
                deployments,
                parser,
                vertx.eventBus(),
                access,
                controls,
                responses,
                new EndUsers(keys.directory()),
                observed);
        connections = new ClientConnections(config.general());
        RequestBody body = new RequestBody(config.general().maxRequestBytes(), bodyBudget);
        Router router = router(auth, handlers, access, clock, new RouterBodies(body, connections));
        DirectLlmRoutes direct = DirectLlmRoutes.of(handlers.direct(), auth, body);
        connections.start(vertx);
        return server.connectionHandler(connection -> {
                    connections.opened(connection);
                    ConnectionInternals.dropIdleTimeout(connection);
                })
                .invalidRequestHandler(InvalidRequests::answer)
                // No WebSocket is served. Setting this handler also makes Vert.x hand a request in an unknown HTTP
                // version to the request handler below, rather than answer it 501 with an empty body.
                .webSocketHandshakeHandler(handshake -> handshake.reject(404))
                .requestHandler(request -> {
                    if (request.version() == null) {
                        InvalidRequests.unsupportedVersion(request);
                        return;
                    }
                    if (!direct.serve(connections.begin(request))) {
                        router.handle(request);
                    }
                })
                .listen(port, host);
    }

    @Override
    public Future<?> stop() {
        if (connections != null) {
            connections.stop(vertx);
        }
        return Future.succeededFuture();
    }

    /**
     * Stops accepting connections at once, lets the requests and streams in flight finish for up to
     * {@code grace}, then closes what is left. Idle keep-alive connections are closed straight away.
     */
    public Future<Void> shutdown(Duration grace) {
        return server.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The port actually bound, which differs from the one asked for when that was 0. */
    public int actualPort() {
        return server.actualPort();
    }

    private Router router(
            AuthHandler auth, InboundRoutes handlers, ModelAccess access, Clock clock, RouterBodies bodies) {
        Router router = Router.router(vertx);
        router.route().handler(PercentEncoding::check);
        // Vert.x Web answers a path it cannot decode with this status, in plain text unless handled.
        router.errorHandler(400, ctx -> ErrorResponder.send(ctx.request(), PercentEncoding.malformedPath()));
        router.get("/health/liveliness").handler(ctx -> json(ctx, "\"I'm alive!\""));
        router.get("/health/liveness").handler(ctx -> json(ctx, "\"I'm alive!\""));
        router.get("/health/readiness").handler(this::readiness);
        router.get("/routes").handler(ctx -> json(ctx, RouteListing.of(router).encode()));
        observability.mountPublic(router);
        router.route().handler(auth);
        // LiteLLM serves some management routes as PATCH or DELETE with a JSON body.
        router.route()
                .method(HttpMethod.POST)
                .method(HttpMethod.PATCH)
                .method(HttpMethod.DELETE)
                .handler(bodies);
        // DirectLlmRoutes serves the exact paths; the router takes their variants (a trailing slash).
        handlers.mount(router);
        // After the LLM routes, which the router tries first.
        observability.mountAuthenticated(router, ctx -> AuthHandler.caller(ctx) instanceof Caller.Admin);
        AdminRoutes.mount(router, adminContext(clock), AuthHandler::caller);
        ModelAdmin.mount(router, liveModels.changes(), liveModels.config(), AuthHandler::caller);
        CacheRoutes.mount(router, config.cache(), cache, AuthHandler::caller);
        ModelRoutes.mount(router, new ModelCatalog(deployments, table), access);
        router.route()
                .handler(ctx -> ctx.fail(GatewayException.of(
                        ErrorKind.NOT_FOUND,
                        "Route not found: " + ctx.request().method() + " "
                                + ctx.request().path())));
        router.route().failureHandler(HttpVerticle::failure);
        return router;
    }

    private AdminContext adminContext(Clock clock) {
        Object maxBudget = config.router().merged().getValue("max_budget");
        return new AdminContext(
                keys.directory(),
                keys.ledger(),
                stores,
                new AdminCalls(keys.directory()),
                clock,
                () -> deployments.deployments().stream()
                        .map(Deployment::modelName)
                        .collect(Collectors.toCollection(java.util.LinkedHashSet::new)),
                maxBudget instanceof Number number ? number.doubleValue() : null,
                config.keyManagement());
    }

    private void readiness(RoutingContext ctx) {
        // Every value is known locally, so the probe answers even while a member is frozen (ClusterView.of).
        JsonObject body = new JsonObject()
                .put("status", "healthy")
                .put("litellm_version", LiteLlmCompatibility.VERSION)
                .put("cluster_members", cluster.memberCount())
                .put("node_id", cluster.nodeId())
                .put("cluster_safe", cluster.isSafe())
                .put("config_hash", configFingerprint)
                .put("db", keys.directory().storeDown() ? "Not connected" : "connected")
                .put("key_store", keys.directory().store().describe())
                .put("model_groups", deployments.resolver().listedModelNames().size())
                .put("config_version", deployments.current().version())
                .put(
                        "success_callbacks",
                        new JsonArray(List.copyOf(observability.settings().successCallbacks())));
        json(ctx, body.encode());
    }

    private static void json(RoutingContext ctx, String body) {
        ctx.response().putHeader("content-type", "application/json").end(body);
    }

    private static void failure(RoutingContext ctx) {
        answerFailure(ctx, ErrorResponder::body);
    }

    /**
     * Answers a routed request's failure with a body in {@code shape}; a request whose body was refused as it
     * arrived ({@link RouterBodies}) is refused, which closes its connection after the answer.
     */
    static void answerFailure(RoutingContext ctx, Function<GatewayException, JsonObject> shape) {
        if (RouterBodies.refused(ctx)) {
            ErrorResponder.refuse(ctx.request(), failureOf(ctx), shape);
        } else {
            ErrorResponder.send(ctx.request(), failureOf(ctx), shape);
        }
    }

    /** What failed a routed request: its failure, or the one its status code (413, 404, 405) stands for. */
    private static Throwable failureOf(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure == null) {
            failure = switch (ctx.statusCode()) {
                case 413 -> RequestBody.tooLarge();
                case 404 -> GatewayException.of(ErrorKind.NOT_FOUND, "Route not found");
                case 405 -> GatewayException.of(ErrorKind.BAD_REQUEST, "Method not allowed");
                default -> GatewayException.of(ErrorKind.BAD_REQUEST, "Bad request");
            };
        }
        return failure;
    }
}
