package dev.junction.gateway.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;

/**
 * Serves the LLM operations at their fixed paths ({@code /chat/completions}, {@code /v1/chat/completions}, ...,
 * {@code /v1/messages}, {@code /v1/responses}) straight from the HTTP server, ahead of Vert.x Web's router: nearly every request is one of them, and
 * the router's matching, routing context and body handler cost more per request than the gateway's own
 * checks (the profile's evidence is in BENCHMARKS.md). Everything else (the paths that carry a model, and
 * variants of these paths such as a trailing slash) goes to the router, which serves the same handlers with
 * the same authentication and body reading.
 */
final class DirectLlmRoutes {
    private final Map<String, LlmHandler> byPath;
    private final AuthHandler auth;
    private final RequestBody body;

    private DirectLlmRoutes(Map<String, LlmHandler> byPath, AuthHandler auth, RequestBody body) {
        this.byPath = byPath;
        this.auth = auth;
        this.body = body;
    }

    /** Each operation's handler at its fixed paths. */
    static DirectLlmRoutes of(Map<String, LlmHandler> byPath, AuthHandler auth, RequestBody body) {
        return new DirectLlmRoutes(Map.copyOf(byPath), auth, body);
    }

    /** Serves the request when its path is one of these routes; false leaves it to the router. */
    boolean serve(Exchange exchange) {
        HttpServerRequest request = exchange.request();
        if (request.method() != HttpMethod.POST) {
            return false;
        }
        LlmHandler handler = byPath.get(request.path());
        if (handler == null) {
            return false;
        }
        auth.authenticate(request, caller -> {
            if (caller.failed()) {
                handler.fail(request, caller.cause());
                return;
            }
            body.read(exchange)
                    .onComplete(
                            read -> handler.serve(exchange, read, null, caller.result()),
                            failure -> handler.refuse(request, failure));
        });
        return true;
    }
}
