package dev.junction.gateway.http;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Refuses a query string or path with a malformed percent escape ({@code %ZZ}, a trailing {@code %A}) with a
 * 400 before any route reads it. Vert.x decodes the query only when a parameter is first asked for, and throws
 * then: left alone, that was a 500 "Internal error" on every route reading a parameter.
 */
final class PercentEncoding {
    private PercentEncoding() {}

    /** A route handler: fails the request when its query cannot be decoded, else passes it on. */
    static void check(RoutingContext ctx) {
        String query = ctx.request().query();
        GatewayException malformed = query == null ? null : malformedQuery(query);
        if (malformed != null) {
            ctx.fail(malformed);
        } else {
            ctx.next();
        }
    }

    /** The error for Vert.x Web's own 400, which it gives a path that does not decode. */
    static GatewayException malformedPath() {
        return GatewayException.of(ErrorKind.BAD_REQUEST, "The request path is not valid percent-encoding");
    }

    /** The error naming the first parameter of {@code query} that does not decode; null when all do. */
    static GatewayException malformedQuery(String query) {
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = decoded(equals < 0 ? pair : pair.substring(0, equals));
            if (name == null) {
                // The name itself is malformed: it is not quoted back.
                return GatewayException.of(ErrorKind.BAD_REQUEST, "The query string is not valid percent-encoding");
            }
            if (equals >= 0 && decoded(pair.substring(equals + 1)) == null) {
                return GatewayException.badField(
                        name, "The query parameter " + name + " is not valid percent-encoding");
            }
        }
        return null;
    }

    private static String decoded(String component) {
        try {
            return URLDecoder.decode(component, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
