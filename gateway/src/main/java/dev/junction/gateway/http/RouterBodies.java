package dev.junction.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextInternal;

/**
 * The router's body handler, in place of Vert.x Web's {@code BodyHandler}: reads a POST body as the fixed LLM
 * routes do ({@link RequestBody}: the size limit, the node's body budget, the body timeout), then hands it to
 * the routing context where {@code ctx.body()} finds it, as {@code BodyHandler} would. A multipart upload is
 * read the same way, whole and raw: its handler parses the form.
 */
final class RouterBodies implements Handler<RoutingContext> {
    private static final String EXCHANGE = "junction.exchange";
    private static final String REFUSED = "junction.body-refused";

    private final RequestBody body;
    private final ClientConnections connections;

    RouterBodies(RequestBody body, ClientConnections connections) {
        this.body = body;
        this.connections = connections;
    }

    /** The exchange of a request that passed this handler. */
    static Exchange exchange(RoutingContext ctx) {
        return ctx.get(EXCHANGE);
    }

    /** Whether the request failed because its body was refused: its answer must close the connection. */
    static boolean refused(RoutingContext ctx) {
        return Boolean.TRUE.equals(ctx.get(REFUSED));
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        Exchange exchange = connections.of(request);
        ctx.put(EXCHANGE, exchange);
        if (!hasBody(request)) {
            ctx.next();
            return;
        }
        body.read(exchange)
                .onComplete(
                        read -> {
                            ((RoutingContextInternal) ctx).setBody(read);
                            ctx.next();
                        },
                        failure -> {
                            // The route's failure handler answers, in its API's error shape (see refused).
                            ctx.put(REFUSED, true);
                            ctx.fail(failure);
                        });
    }

    /** As {@code BodyHandler} decides: a body is announced by its length or its transfer encoding. */
    private static boolean hasBody(HttpServerRequest request) {
        return request.version() == HttpVersion.HTTP_2
                || request.headers().contains(HttpHeaders.CONTENT_LENGTH)
                || request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
    }
}
