package dev.junction.gateway.http;

import dev.junction.config.GeneralSettings;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The client connections of one HTTP verticle and their timeouts, after nginx's: a new connection must send a
 * whole request head within {@code client_header_timeout}; a request body may not go {@code
 * client_body_timeout} without a byte (answered 408, then closed); a connection with no request in flight is
 * closed after {@code keepalive_timeout}. A connection with a request in flight (a long upstream call, a stream
 * to a slow reader) is never closed for being quiet. One periodic check per event loop looks at them all, so
 * a request only updates a few fields. Confined to the verticle's event loop.
 */
final class ClientConnections {
    private static final Duration MAX_CHECK_PERIOD = Duration.ofSeconds(1);
    private static final Duration MIN_CHECK_PERIOD = Duration.ofMillis(10);

    private final Map<HttpConnection, Client> clients = new HashMap<>();
    /** By response: Vert.x Web hands its routes a wrapper of the request, but the same response. */
    private final Map<HttpServerResponse, Exchange> exchanges = new HashMap<>();

    private final long headerNanos;
    private final long bodyNanos;
    private final long idleNanos;
    private final long checkPeriodMillis;
    private long timer = -1;

    /** A connection: how many of its requests are in flight, and since when it has had none. */
    static final class Client {
        private final HttpConnection connection;
        private int inFlight;
        private boolean served;
        private long quietSinceNanos = System.nanoTime();

        private Client(HttpConnection connection) {
            this.connection = connection;
        }

        HttpConnection connection() {
            return connection;
        }
    }

    ClientConnections(GeneralSettings general) {
        this.headerNanos = general.clientHeaderTimeout().toNanos();
        this.bodyNanos = general.clientBodyTimeout().toNanos();
        this.idleNanos = general.keepaliveTimeout().toNanos();
        // A quarter of the shortest timeout: a connection is closed at most a quarter late.
        long shortest = Math.min(headerNanos, Math.min(bodyNanos, idleNanos)) / 4;
        this.checkPeriodMillis = Duration.ofNanos(
                        Math.max(MIN_CHECK_PERIOD.toNanos(), Math.min(MAX_CHECK_PERIOD.toNanos(), shortest)))
                .toMillis();
    }

    void start(Vertx vertx) {
        timer = vertx.setPeriodic(checkPeriodMillis, id -> check());
    }

    void stop(Vertx vertx) {
        vertx.cancelTimer(timer);
    }

    void opened(HttpConnection connection) {
        clients.put(connection, new Client(connection));
        connection.closeHandler(v -> clients.remove(connection));
    }

    /** A request head arrived: the connection is busy until the exchange ends. */
    Exchange begin(HttpServerRequest request) {
        Client client = clients.get(request.connection());
        if (client == null) {
            // Not seen opening (it cannot happen with the connection handler set); tracked from now on.
            opened(request.connection());
            client = clients.get(request.connection());
        }
        client.inFlight++;
        client.served = true;
        Exchange exchange = new Exchange(this, client, request);
        exchanges.put(request.response(), exchange);
        // Runs once: when the response ends, or when the connection closes before it does.
        request.response().endHandler(v -> exchange.end());
        return exchange;
    }

    /** The exchange of a request whose head arrived on this verticle's server. */
    Exchange of(HttpServerRequest request) {
        return exchanges.get(request.response());
    }

    void ended(Exchange exchange) {
        if (exchanges.remove(exchange.request().response()) == null) {
            return;
        }
        Client client = exchange.client();
        if (--client.inFlight == 0) {
            client.quietSinceNanos = System.nanoTime();
        }
    }

    private void check() {
        long now = System.nanoTime();
        List<HttpConnection> quiet = new ArrayList<>();
        for (Client client : clients.values()) {
            long allowed = client.served ? idleNanos : headerNanos;
            if (client.inFlight == 0 && now - client.quietSinceNanos > allowed) {
                quiet.add(client.connection);
            }
        }
        // Closed after the loop: a close removes its connection from the map.
        quiet.forEach(HttpConnection::close);
        List<Exchange> stalled = new ArrayList<>();
        for (Exchange exchange : exchanges.values()) {
            if (exchange.bodyStalled(now, bodyNanos)) {
                stalled.add(exchange);
            }
        }
        // Also after the loop: answering a stalled exchange ends it.
        stalled.forEach(Exchange::stallBody);
    }
}
