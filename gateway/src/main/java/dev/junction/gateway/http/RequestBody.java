package dev.junction.gateway.http;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Reads a request body up to a limit, as Vert.x Web's body handler does for the router's routes: a body
 * declared or found larger is refused with a 413, and a client that waits for {@code 100 Continue} gets it.
 */
final class RequestBody {
    private RequestBody() {}

    static GatewayException tooLarge() {
        return GatewayException.of(
                ErrorKind.PAYLOAD_TOO_LARGE, "Request body is larger than general_settings.max_request_size_mb");
    }

    /** Call before the request's body starts to arrive (in its handler, or while it is paused). */
    static Future<Buffer> read(HttpServerRequest request, long limit) {
        long declared = declaredLength(request);
        if (declared > limit) {
            return Future.failedFuture(tooLarge());
        }
        if (HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(request.getHeader(HttpHeaderNames.EXPECT))) {
            request.response().writeContinue();
        }
        Promise<Buffer> read = Promise.promise();
        Buffer body = Buffer.buffer((int) Math.max(0, Math.min(declared, 64 * 1024)));
        request.handler(chunk -> {
            if (read.future().isComplete()) {
                return;
            }
            if (body.length() + (long) chunk.length() > limit) {
                read.tryFail(tooLarge());
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(read::tryFail);
        request.endHandler(v -> read.tryComplete(body));
        return read.future();
    }

    /** The Content-Length, or 0 when absent or unreadable (the body is then counted as it comes). */
    private static long declaredLength(HttpServerRequest request) {
        String header = request.getHeader(HttpHeaderNames.CONTENT_LENGTH);
        if (header == null) {
            return 0;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException unreadable) {
            return 0;
        }
    }
}
