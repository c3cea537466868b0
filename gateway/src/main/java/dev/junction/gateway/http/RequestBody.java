package dev.junction.gateway.http;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.GeneralSettings;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a request body, for the fixed LLM routes and the router's routes alike: a body declared or found
 * larger than {@code max_request_size_mb} is refused with a 413; one that does not fit in the node's {@link
 * BodyBudget} with a 503 at once; one that stops arriving for {@code client_body_timeout} with a 408. A
 * client that waits for {@code 100 Continue} gets it. A declared body is read into a buffer of exactly its
 * size, so that it is never copied while it grows.
 */
final class RequestBody {
    private static final Logger LOG = LoggerFactory.getLogger(RequestBody.class);
    /** A chunked body starts this small: most requests are a few kilobytes. */
    private static final int CHUNKED_INITIAL_BYTES = 16 * 1024;

    private final long limit;
    private final BodyBudget budget;

    RequestBody(long limit, BodyBudget budget) {
        this.limit = limit;
        this.budget = budget;
    }

    static GatewayException tooLarge() {
        return GatewayException.of(
                ErrorKind.PAYLOAD_TOO_LARGE, "Request body is larger than general_settings.max_request_size_mb");
    }

    /**
     * Call before the request's body starts to arrive (in its handler, or while it is paused). A failed read
     * leaves the body unread: answer it with {@link ErrorResponder#refuse}, which closes the connection.
     */
    Future<Buffer> read(Exchange exchange) {
        HttpServerRequest request = exchange.request();
        long declared = declaredLength(request);
        if (declared > limit) {
            return Future.failedFuture(tooLarge());
        }
        if (declared > 0 && !exchange.tryHold(budget, declared)) {
            return Future.failedFuture(budget.refusal(declared));
        }
        if (HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(request.getHeader(HttpHeaderNames.EXPECT))) {
            request.response().writeContinue();
        }
        Promise<Buffer> read = Promise.promise();
        Buffer body =
                Buffer.buffer(declared >= 0 ? (int) Math.min(declared, Integer.MAX_VALUE) : CHUNKED_INITIAL_BYTES);
        exchange.bodyStarted(() -> read.tryFail(stalled()));
        request.handler(chunk -> {
            if (read.future().isComplete()) {
                return;
            }
            exchange.bodyProgressed();
            long size = body.length() + (long) chunk.length();
            if (size > limit) {
                read.tryFail(tooLarge());
            } else if (declared < 0 && !exchange.tryHold(budget, chunk.length())) {
                read.tryFail(budget.refusal(size));
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(failure -> read.tryFail(unreadable(request, failure)));
        request.endHandler(v -> read.tryComplete(body));
        return read.future().onComplete(done -> {
            exchange.bodyDone();
            if (done.failed()) {
                // The bytes read so far are dropped with the buffer.
                exchange.releaseBody();
            }
        });
    }

    private static GatewayException stalled() {
        return GatewayException.of(
                ErrorKind.TIMEOUT,
                "The request body stopped arriving before its end (general_settings."
                        + GeneralSettings.CLIENT_BODY_TIMEOUT + ")");
    }

    /**
     * A body the HTTP decoder could not read (a malformed chunk, say) is the client's error: a 400 and one log
     * line. A connection closed mid-body leaves nobody to answer.
     */
    private static GatewayException unreadable(HttpServerRequest request, Throwable failure) {
        if (failure instanceof HttpClosedException) {
            return GatewayException.of(ErrorKind.CLIENT_CLOSED, "The client closed the connection mid-body");
        }
        LOG.info(
                "Malformed request body from {} for {} {}: {}",
                request.remoteAddress(),
                request.method(),
                request.path(),
                failure.toString());
        return GatewayException.badField(null, "The request body is malformed: " + failure.getMessage());
    }

    /** The Content-Length, or -1 when absent or unreadable (the body is then counted as it comes). */
    private static long declaredLength(HttpServerRequest request) {
        String header = request.getHeader(HttpHeaderNames.CONTENT_LENGTH);
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException unreadable) {
            return -1;
        }
    }
}
