package dev.junction.gateway.http;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests the HTTP server could not decode, answered in OpenAI's error shape through {@link ErrorResponder}
 * rather than with Vert.x's empty bodies: a request line too long (414), headers too large (431), an HTTP
 * version other than 1.0, 1.1 or 2 (501), anything else malformed (400). The connection is closed after the
 * answer, as its next bytes cannot be trusted to start a request.
 */
final class InvalidRequests {
    private static final Logger LOG = LoggerFactory.getLogger(InvalidRequests.class);

    private InvalidRequests() {}

    /** For {@code HttpServer.invalidRequestHandler}: the request's head failed to decode. */
    static void answer(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        GatewayException error;
        if (cause instanceof TooLongHttpLineException) {
            error = GatewayException.of(ErrorKind.URI_TOO_LONG, "The request line is too long");
        } else if (cause instanceof TooLongHttpHeaderException) {
            error = GatewayException.of(ErrorKind.HEADERS_TOO_LARGE, "The request headers are too large");
        } else {
            error = GatewayException.of(ErrorKind.BAD_REQUEST, "Malformed HTTP request: " + describe(cause));
        }
        LOG.debug("Refused an undecodable request from {}: {}", request.remoteAddress(), describe(cause));
        ErrorResponder.refuse(request, error);
    }

    /** A request in an HTTP version Vert.x does not speak ({@link HttpServerRequest#version()} is null). */
    static void unsupportedVersion(HttpServerRequest request) {
        ErrorResponder.refuse(
                request,
                GatewayException.of(ErrorKind.NOT_IMPLEMENTED, "Unsupported HTTP version; use HTTP/1.1 or HTTP/2"));
    }

    private static String describe(Throwable cause) {
        return cause == null || cause.getMessage() == null ? "unreadable request" : cause.getMessage();
    }
}
