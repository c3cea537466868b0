package dev.junction.gateway.observe.alerts;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/** Posts a JSON body to a URL and fails unless the answer is a 2xx. Shared by the alert channels. */
final class HttpPost {
    private static final long TIMEOUT_MS = 10_000;

    private HttpPost() {}

    static Future<Void> json(HttpClient client, String url, JsonObject body, Map<String, String> headers) {
        return send(client, url, body.toBuffer(), "application/json", headers);
    }

    static Future<Void> send(
            HttpClient client, String url, Buffer body, String contentType, Map<String, String> headers) {
        RequestOptions options = new RequestOptions()
                .setAbsoluteURI(url)
                .setMethod(HttpMethod.POST)
                .setIdleTimeout(TIMEOUT_MS)
                .putHeader("content-type", contentType);
        headers.forEach(options::putHeader);
        return client.request(options).compose(request -> request.send(body)).compose(response -> response.body()
                .compose(answer -> {
                    int status = response.statusCode();
                    return status >= 200 && status < 300
                            ? Future.<Void>succeededFuture()
                            : Future.failedFuture("HTTP " + status + " from the receiver");
                }));
    }
}
