package dev.junction.gateway.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;

/**
 * Serves the OpenAI operations at their fixed paths ({@code /chat/completions}, {@code /v1/chat/completions},
 * ...) straight from the HTTP server, ahead of Vert.x Web's router: nearly every request is one of them, and
 * the router's matching, routing context and body handler cost more per request than the gateway's own
 * checks (the profile's evidence is in BENCHMARKS.md). Everything else (the paths that carry a model, and
 * variants of these paths such as a trailing slash) goes to the router, which serves the same handlers with
 * the same authentication and body limit.
 */
final class DirectLlmRoutes {
    private final Map<String, LlmHandler> byPath;
    private final AuthHandler auth;
    private final long bodyLimit;

    private DirectLlmRoutes(Map<String, LlmHandler> byPath, AuthHandler auth, long bodyLimit) {
        this.byPath = byPath;
        this.auth = auth;
        this.bodyLimit = bodyLimit;
    }

    /** Each operation's handler at its fixed paths. */
    static DirectLlmRoutes of(Map<String, LlmHandler> byPath, AuthHandler auth, long bodyLimit) {
        return new DirectLlmRoutes(Map.copyOf(byPath), auth, bodyLimit);
    }

    /** Serves the request when its path is one of these routes; false leaves it to the router. */
    boolean serve(HttpServerRequest request) {
        if (request.method() != HttpMethod.POST) {
            return false;
        }
        LlmHandler handler = byPath.get(request.path());
        if (handler == null) {
            return false;
        }
        auth.authenticate(request, caller -> {
            if (caller.failed()) {
                handler.fail(request.response(), caller.cause());
                return;
            }
            RequestBody.read(request, bodyLimit)
                    .onComplete(
                            body -> handler.serve(request, body, null, caller.result()),
                            failure -> handler.fail(request.response(), failure));
        });
        return true;
    }
}
