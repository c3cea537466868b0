package dev.junction.testkit;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One request as the fake upstream received it. Headers, query parameters and body are copies taken on
 * the event loop, so a test may read them from any thread after the exchange is over.
 *
 * @param uri path and query exactly as sent, e.g. {@code /openai/deployments/gpt4/chat/completions?api-version=2024-06-01}
 * @param path the path alone; this is what scripts are keyed on
 * @param headers case-insensitive copy of the request headers
 * @param params case-insensitive copy of the decoded query parameters
 */
public record RecordedRequest(
        HttpMethod method,
        String uri,
        String path,
        MultiMap headers,
        MultiMap params,
        Buffer body,
        Instant receivedAt) {

    static RecordedRequest of(HttpServerRequest request, Buffer body) {
        return new RecordedRequest(
                request.method(),
                request.uri(),
                request.path(),
                HttpHeaders.headers().addAll(request.headers()),
                MultiMap.caseInsensitiveMultiMap().addAll(request.params()),
                body.copy(),
                Instant.now());
    }

    /** First value of a header, or {@code null}. */
    public String header(String name) {
        return headers.get(name);
    }

    /** First value of a query parameter, or {@code null}. */
    public String param(String name) {
        return params.get(name);
    }

    public String bodyAsString() {
        return body.toString();
    }

    /** The body parsed as a JSON object; throws if it is not one, which in a test is the useful outcome. */
    public JsonObject bodyAsJson() {
        return body.toJsonObject();
    }
}
