package dev.junction.gateway.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * LiteLLM's public {@code GET /routes}: every path the node serves with its methods, as {@code {"routes": [{"path",
 * "methods"}]}}. Paths Vert.x holds without a literal (the catch-alls) are left out.
 */
final class RouteListing {
    private RouteListing() {}

    static JsonObject of(Router router) {
        Map<String, TreeSet<String>> byPath = new LinkedHashMap<>();
        for (Route route : router.getRoutes()) {
            String path = route.getPath();
            if (path == null) {
                continue;
            }
            TreeSet<String> methods = byPath.computeIfAbsent(path, any -> new TreeSet<>());
            if (route.methods() != null) {
                route.methods().stream().map(HttpMethod::name).forEach(methods::add);
            }
        }
        JsonArray routes = new JsonArray();
        byPath.forEach((path, methods) -> routes.add(
                new JsonObject().put("path", path).put("methods", new JsonArray(java.util.List.copyOf(methods)))));
        return new JsonObject().put("routes", routes);
    }
}
