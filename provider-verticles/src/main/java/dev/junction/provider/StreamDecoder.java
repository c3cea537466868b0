package dev.junction.provider;

import io.vertx.core.buffer.Buffer;

/**
 * Splits a streamed upstream body into events as its bytes arrive, whatever the network chunking. Most
 * providers stream Server-Sent Events ({@link dev.junction.provider.sse.SseParser}); others frame their
 * events in a binary format of their own. One instance per stream, called on one thread.
 */
public interface StreamDecoder {

    /** Takes the next bytes of the body; complete events go to the decoder's sink. */
    void feed(Buffer bytes);

    /** The body ended: deliver what is still pending. */
    void end();
}
