package dev.junction.provider;

import dev.junction.config.Deployment;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;

/** Headers every upstream request carries, and the ones a deployment adds. */
public final class UpstreamHeaders {
    private UpstreamHeaders() {}

    /** A JSON request's headers with the deployment's {@code extra_headers} (or {@code headers}) added. */
    public static MultiMap json(Deployment deployment) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("content-type", "application/json")
                .add("accept", "application/json, text/event-stream");
        addAll(headers, deployment.litellmParams().getValue("headers"));
        addAll(headers, deployment.litellmParams().getValue("extra_headers"));
        return headers;
    }

    private static void addAll(MultiMap headers, Object configured) {
        if (configured instanceof JsonObject map) {
            map.forEach(entry -> headers.set(entry.getKey(), String.valueOf(entry.getValue())));
        }
    }
}
