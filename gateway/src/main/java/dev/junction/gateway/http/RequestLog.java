package dev.junction.gateway.http;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With {@code --detailed_debug}: one debug line per request when it ends, saying where it went and how it
 * ended: method, path, requested model, model group, deployment, attempts, status and duration. The routing
 * facts are read from the answer's own {@code x-litellm-*} headers, so the line matches what the client saw; the
 * call's id is a key-value pair ({@code call_id}).
 */
final class RequestLog {
    private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);

    private RequestLog() {}

    static void ended(Exchange exchange) {
        if (!LOG.isDebugEnabled()) {
            return;
        }
        HttpServerRequest request = exchange.request();
        HttpServerResponse response = request.response();
        MultiMap headers = response.headers();
        String deployment = headers.get("x-litellm-model-id");
        String attempts = deployment == null
                ? "-"
                : Integer.toString(1
                        + count(headers, "x-litellm-attempted-retries")
                        + count(headers, "x-litellm-attempted-fallbacks"));
        String status = response.ended() ? Integer.toString(response.getStatusCode()) : "closed before an answer";
        LOG.atDebug()
                // JSON logs show it as a field; the line itself stays as it was.
                .addKeyValue("call_id", headers.get(LlmHandler.CALL_ID))
                .log(
                        "{} {} model={} group={} deployment={} attempts={} status={} in {} ms",
                        request.method(),
                        request.path(),
                        orDash(exchange.model()),
                        orDash(headers.get("x-litellm-model-group")),
                        orDash(deployment),
                        attempts,
                        status,
                        ReplyWriter.millis(System.nanoTime() - exchange.startNanos()));
    }

    private static int count(MultiMap headers, String name) {
        try {
            return Integer.parseInt(headers.get(name));
        } catch (NumberFormatException | NullPointerException absent) {
            return 0;
        }
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}
