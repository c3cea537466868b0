package dev.junction.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * One keep-alive HTTP/1.1 connection of a {@link ConnectionPool}, with at most one request in flight (no
 * pipelining). It sits behind an {@link HttpClientCodec}, which parses the answers; requests are already
 * encoded, so they are written below the codec and skip its encoder.
 *
 * <p>A non-streaming answer counts as ok when it is a 200 with a body, a stream when it is a 200 ending with
 * {@code [DONE]}; its first body bytes are its time to first token. Any other status counts as a status error
 * once its body has been read (so the connection can be reused), a connection closed under a request as an
 * I/O error.
 */
final class Connection extends ChannelInboundHandlerAdapter {
    private final ConnectionPool pool;
    private final Exchanges exchanges;
    private final boolean stream;
    private ChannelHandlerContext belowCodec;
    private boolean established;

    /** Set while the pool holds it idle: when it went idle, in {@link System#nanoTime()}. */
    long idleSince;

    // The exchange in flight, if busy.
    private boolean busy;
    private long due;
    private boolean counted;
    private int status;
    private boolean keepAlive;
    private long bodyBytes;
    private Exchanges.StreamTail tail;

    Connection(ConnectionPool pool, Exchanges exchanges, boolean stream) {
        this.pool = pool;
        this.exchanges = exchanges;
        this.stream = stream;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        belowCodec = ctx.pipeline().context(HttpClientCodec.class);
    }

    /** The connect succeeded: from now on its close is the pool's business. */
    void established() {
        established = true;
    }

    Channel channel() {
        return belowCodec.channel();
    }

    /** Sends {@code request} (whose reference it takes) for a request that was due at {@code due}. */
    void send(ByteBuf request, long due, boolean counted) {
        busy = true;
        this.due = due;
        this.counted = counted;
        status = 0;
        keepAlive = true;
        bodyBytes = 0;
        tail = stream ? new Exchanges.StreamTail() : null;
        belowCodec.writeAndFlush(request, belowCodec.voidPromise());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            read(ctx, msg);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void read(ChannelHandlerContext ctx, Object msg) {
        if (!busy || (msg instanceof HttpObject http && http.decoderResult().isFailure())) {
            // Bytes nobody asked for, or not HTTP: the connection can no longer be trusted.
            ctx.close();
            return;
        }
        if (msg instanceof HttpResponse response) {
            status = response.status().code();
            keepAlive = HttpUtil.isKeepAlive(response);
        }
        if (msg instanceof HttpContent content) {
            ByteBuf bytes = content.content();
            if (bytes.isReadable()) {
                if (bodyBytes == 0 && stream && status == 200) {
                    exchanges.firstByte(counted, System.nanoTime() - due);
                }
                bodyBytes += bytes.readableBytes();
                if (tail != null) {
                    tail.append(bytes);
                }
            }
            if (msg instanceof LastHttpContent) {
                answered(ctx);
            }
        }
    }

    private void answered(ChannelHandlerContext ctx) {
        long now = System.nanoTime();
        busy = false;
        if (status != 200) {
            exchanges.statusError(counted);
        } else if (stream ? !tail.endsWith(Exchanges.StreamTail.DONE) : bodyBytes == 0) {
            exchanges.incomplete(counted);
        } else {
            exchanges.ok(counted, now - due);
        }
        if (keepAlive) {
            pool.released(this, now);
        } else {
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (busy) {
            busy = false;
            if (status != 0 && status != 200) {
                exchanges.statusError(counted);
            } else {
                exchanges.ioError(counted);
            }
        }
        if (established) {
            established = false;
            pool.closed(this);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset or a failed write: the close that follows counts the request in flight as an I/O error.
        ctx.close();
    }
}
