package dev.junction.gateway.http;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.cluster.error.Redactor;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where an error becomes an HTTP answer: the status of its kind, OpenAI's error shape with
 * LiteLLM's conventions ({@code code} is the status as a string), and {@code Retry-After} when known. The
 * provider layer has already masked the secrets of the deployment that failed ({@link Redactor}); this masks
 * credential shapes once more, whatever produced the message.
 */
public final class ErrorResponder {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponder.class);

    private ErrorResponder() {}

    public static void send(HttpServerResponse response, Throwable failure) {
        if (response.headWritten()) {
            // Too late for a status: the stream relay reports failures in-band; just stop.
            response.reset();
            return;
        }
        GatewayException error = toGatewayError(failure);
        int status = error.kind().httpStatus();
        error.retryAfter()
                .ifPresent(delay ->
                        response.putHeader("retry-after", Long.toString(Math.max(1, (delay.toMillis() + 999) / 1000))));
        response.setStatusCode(status)
                .putHeader("content-type", "application/json")
                .end(body(error).toBuffer());
    }

    /** The OpenAI-shaped body; its message masked of anything shaped like a credential, as a last net. */
    public static JsonObject body(GatewayException error) {
        JsonObject fields = new JsonObject()
                .put("message", Redactor.redact(error.getMessage(), List.of()))
                .put("type", error.kind().type())
                .put("param", error.param().orElse(null))
                .put("code", Integer.toString(error.kind().httpStatus()));
        return new JsonObject().put("error", fields);
    }

    private static GatewayException toGatewayError(Throwable failure) {
        if (failure instanceof GatewayException gateway) {
            return gateway;
        }
        // Anything else is a bug in Junction: log it in full, show the client nothing of its internals.
        LOG.error("Unexpected failure while serving a request", failure);
        return GatewayException.of(ErrorKind.INTERNAL, "Internal error in the gateway");
    }
}
