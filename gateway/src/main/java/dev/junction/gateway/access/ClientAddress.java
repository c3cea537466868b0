package dev.junction.gateway.access;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The address a request comes from, for {@code allowed_ips}: the connection's peer, or with {@code
 * use_x_forwarded_for} the last address of {@code X-Forwarded-For}. The last one is the address the proxy in
 * front of Junction received the request from; the ones before it are whatever the client wrote, so a client
 * cannot pass for an allowed address by sending the header itself. (LiteLLM compares the whole header with
 * each allowed address, so a header listing two addresses never matches there.)
 */
final class ClientAddress {
    private ClientAddress() {}

    static String of(HttpServerRequest request, boolean useXForwardedFor) {
        if (useXForwardedFor) {
            String forwarded = request.getHeader("x-forwarded-for");
            if (forwarded != null && !forwarded.isBlank()) {
                return forwarded.substring(forwarded.lastIndexOf(',') + 1).strip();
            }
        }
        SocketAddress peer = request.remoteAddress();
        return peer == null ? "" : peer.hostAddress();
    }
}
