package dev.junction.cluster.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Passes a message object by reference between verticles of one node: nothing is copied or serialised.
 * Junction's request messages never leave the node that received the request, so the wire methods refuse.
 */
final class LocalOnlyCodec<T> implements MessageCodec<T, T> {
    private final String name;

    LocalOnlyCodec(Class<T> type) {
        this.name = "junction-local-" + type.getName();
    }

    @Override
    public void encodeToWire(Buffer buffer, T message) {
        throw new UnsupportedOperationException(name + " is local only");
    }

    @Override
    public T decodeFromWire(int pos, Buffer buffer) {
        throw new UnsupportedOperationException(name + " is local only");
    }

    @Override
    public T transform(T message) {
        return message;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }
}
