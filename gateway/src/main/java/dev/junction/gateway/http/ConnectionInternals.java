package dev.junction.gateway.http;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.impl.HttpServerConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Junction needs of a client connection that Vert.x's API does not offer, reached through Vert.x's
 * internal connection interface for the connection's Netty pipeline. {@code ClientTimeoutsIT} checks both
 * against the Vert.x version the build uses.
 */
final class ConnectionInternals {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionInternals.class);

    private ConnectionInternals() {}

    /**
     * Vert.x's idle timeout is the only timer on a connection before its first request head is complete (the
     * HTTP connection, and with it {@link ClientConnections}, only exists from then on). Once it exists it must
     * go: Vert.x would close a connection that waits quietly on a long upstream call.
     */
    static void dropIdleTimeout(HttpConnection connection) {
        ChannelPipeline pipeline = pipeline(connection);
        if (pipeline == null) {
            LOG.warn(
                    "Cannot reach the pipeline of {}: requests quiet for client_header_timeout may be cut",
                    connection.getClass().getName());
            return;
        }
        if (pipeline.get(IdleStateHandler.class) != null) {
            pipeline.remove(IdleStateHandler.class);
        }
    }

    /**
     * Sends what was written to the connection now. Vert.x flushes at the end of a read, but closes a connection
     * whose body failed to decode in the middle of that read: an answer written then would be lost.
     */
    static void flush(HttpConnection connection) {
        ChannelPipeline pipeline = pipeline(connection);
        if (pipeline != null) {
            pipeline.flush();
        }
    }

    private static ChannelPipeline pipeline(HttpConnection connection) {
        return connection instanceof HttpServerConnection internal
                ? internal.channelHandlerContext().pipeline()
                : null;
    }
}
