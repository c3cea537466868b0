package dev.junction.bench.load;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * Netty's epoll transport where its native library loads (Linux), NIO elsewhere. Epoll makes fewer system calls
 * per request and its timers wake the pacer with sub-millisecond precision; NIO's wake to the millisecond.
 */
record Transport(IoHandlerFactory ioHandlers, Class<? extends SocketChannel> channelType) {

    static Transport best() {
        return Epoll.isAvailable()
                ? new Transport(EpollIoHandler.newFactory(), EpollSocketChannel.class)
                : new Transport(NioIoHandler.newFactory(), NioSocketChannel.class);
    }
}
