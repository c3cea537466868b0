package dev.junction.gateway.http;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.cluster.error.Redactor;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where an error becomes an HTTP answer: the status of its kind, OpenAI's error shape with
 * LiteLLM's conventions ({@code code} is the status as a string), or the shape of the API the client called
 * (Anthropic's on {@code /v1/messages}), and {@code Retry-After} when known. The provider layer has already
 * masked the secrets of the deployment that failed ({@link Redactor}); this masks credential shapes once
 * more, whatever produced the message and whatever the shape. Every 500 is logged here, once, with its cause.
 */
public final class ErrorResponder {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponder.class);
    /** As nginx's lingering_time, shorter: how long the rest of a refused body is read before the close. */
    static final Duration LINGER = Duration.ofSeconds(10);

    private ErrorResponder() {}

    public static Future<Void> send(HttpServerRequest request, Throwable failure) {
        return send(request, failure, ErrorResponder::body);
    }

    /**
     * The same status and headers, with the body in another API's error shape (Anthropic's, for the Messages
     * API surface). The shape is given the error with its message already redacted.
     */
    public static Future<Void> send(
            HttpServerRequest request, Throwable failure, Function<GatewayException, JsonObject> shape) {
        HttpServerResponse response = request.response();
        if (response.headWritten()) {
            // Too late for a status: the stream relay reports failures in-band; just stop.
            response.reset();
            return Future.succeededFuture();
        }
        if (response.closed()) {
            return Future.succeededFuture(); // nobody left to tell
        }
        GatewayException error = toGatewayError(request, failure);
        int status = error.kind().httpStatus();
        error.retryAfter()
                .ifPresent(delay ->
                        response.putHeader("retry-after", Long.toString(Math.max(1, (delay.toMillis() + 999) / 1000))));
        return response.setStatusCode(status)
                .putHeader("content-type", "application/json")
                .end(shape.apply(Redactor.redact(error, List.of())).toBuffer());
    }

    /**
     * Answers a request whose body will not be read (refused before or while it arrived), then closes its
     * HTTP/1 connection. A client still sending its body could miss an answer sent before a close (its socket
     * is reset), so the rest of the body is read and dropped first, for at most {@link #LINGER}; a body that
     * stalled is not waited for.
     */
    static void refuse(HttpServerRequest request, Throwable failure) {
        refuse(request, failure, ErrorResponder::body);
    }

    /** {@link #refuse(HttpServerRequest, Throwable)} with the body in another API's error shape. */
    static void refuse(HttpServerRequest request, Throwable failure, Function<GatewayException, JsonObject> shape) {
        if (request.version() == HttpVersion.HTTP_2) {
            send(request, failure, shape);
            return;
        }
        if (!request.response().headWritten()) {
            request.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
        Future<Void> written = send(request, failure, shape);
        HttpConnection connection = request.connection();
        // Vert.x may close the connection itself right after this (a body it could not decode).
        ConnectionInternals.flush(connection);
        boolean stalled = failure instanceof GatewayException error && error.kind() == ErrorKind.TIMEOUT;
        if (request.isEnded() || stalled) {
            written.onComplete(done -> connection.close());
            return;
        }
        request.handler(dropped -> {}).endHandler(end -> written.onComplete(done -> connection.close()));
        request.resume();
        Context context = Vertx.currentContext();
        if (context != null) {
            context.owner().setTimer(LINGER.toMillis(), timer -> connection.close());
        }
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

    private static GatewayException toGatewayError(HttpServerRequest request, Throwable failure) {
        if (!(failure instanceof GatewayException gateway)) {
            // Anything else is a bug in Junction: log it in full, show the client nothing of its internals.
            LOG.error("500 for {} {}: unexpected failure", request.method(), request.path(), failure);
            return GatewayException.of(ErrorKind.INTERNAL, "Internal error in the gateway");
        }
        if (gateway.kind().httpStatus() == 500) {
            logServerError(request, gateway);
        }
        return gateway;
    }

    /** A failure Junction caught but did not expect carries it as its cause: logged with its stack trace. */
    private static void logServerError(HttpServerRequest request, GatewayException error) {
        if (error.getCause() != null) {
            LOG.error("500 for {} {}: {}", request.method(), request.path(), error.getMessage(), error.getCause());
        } else {
            LOG.warn("500 for {} {}: {}", request.method(), request.path(), error.getMessage());
        }
    }
}
