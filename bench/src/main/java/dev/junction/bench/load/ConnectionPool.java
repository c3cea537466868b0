package dev.junction.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One event loop's keep-alive connections to one URL, used only from that loop. A due request takes an idle
 * connection, or waits (its latency still runs from its due time) while a new one is opened, up to {@code
 * max}, or until one is free. Connections idle longer than the keep-alive are closed, before the target's own
 * idle timeout can race a request (Node closes at 5 s).
 */
final class ConnectionPool {
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final Bootstrap bootstrap;
    private final InetSocketAddress address;
    private final ByteBuf request;
    private final int max;
    private final long keepAliveNanos;
    private final Exchanges exchanges;
    // Most recently used first: surplus connections left over from a stall sink to the end and expire there.
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private int open;
    private int connecting;

    private record Waiting(long due, boolean counted) {}

    /**
     * @param request the encoded request, written as is for every exchange
     * @param keepAliveNanos how long a connection may stay idle; 0 or less: forever
     */
    ConnectionPool(
            EventLoop loop,
            Transport transport,
            InetSocketAddress address,
            byte[] request,
            int max,
            long keepAliveNanos,
            boolean stream,
            Exchanges exchanges) {
        this.address = address;
        this.request = Unpooled.directBuffer(request.length).writeBytes(request);
        this.max = max;
        this.keepAliveNanos = keepAliveNanos;
        this.exchanges = exchanges;
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(transport.channelType())
                .disableResolver()
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline()
                                .addLast(new HttpClientCodec(), new Connection(ConnectionPool.this, exchanges, stream));
                    }
                });
        if (keepAliveNanos > 0) {
            // A quarter of the keep-alive late at most, and a second at most: well inside Node's 5 s for 2 s.
            long every = Math.max(
                    TimeUnit.MILLISECONDS.toNanos(10), Math.min(TimeUnit.SECONDS.toNanos(1), keepAliveNanos / 4));
            loop.scheduleAtFixedRate(this::closeExpired, every, every, TimeUnit.NANOSECONDS);
        }
    }

    /** Called on the loop when a request is due. */
    void send(long due, boolean counted) {
        exchanges.begun();
        Connection free = idle.pollFirst();
        if (free != null) {
            free.send(request.retainedDuplicate(), due, counted);
            return;
        }
        waiting.addLast(new Waiting(due, counted));
        openForWaiting();
    }

    /** A connection finished its exchange and may be reused. */
    void released(Connection connection, long now) {
        Waiting next = waiting.pollFirst();
        if (next != null) {
            connection.send(request.retainedDuplicate(), next.due(), next.counted());
            return;
        }
        connection.idleSince = now;
        idle.addFirst(connection);
    }

    /** An established connection closed, by either side, idle or not. */
    void closed(Connection connection) {
        open--;
        idle.remove(connection);
        openForWaiting();
    }

    private void openForWaiting() {
        while (waiting.size() > connecting && open < max) {
            open++;
            connecting++;
            bootstrap.connect(address).addListener((ChannelFuture connect) -> connected(connect));
        }
    }

    private void connected(ChannelFuture connect) {
        connecting--;
        if (!connect.isSuccess()) {
            open--;
            // The request that asked for this connection (or the oldest waiting) fails, as it would have had
            // it been sent on it; the others wait for their own connections.
            Waiting failed = waiting.pollFirst();
            if (failed != null) {
                exchanges.ioError(failed.counted());
            }
            openForWaiting();
            return;
        }
        Connection connection = connect.channel().pipeline().get(Connection.class);
        connection.established();
        released(connection, System.nanoTime());
    }

    private void closeExpired() {
        long oldestAllowed = System.nanoTime() - keepAliveNanos;
        Connection oldest;
        while ((oldest = idle.peekLast()) != null && oldest.idleSince - oldestAllowed < 0) {
            idle.pollLast();
            oldest.channel().close();
        }
    }
}
