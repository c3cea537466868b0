package dev.junction.cluster.bus;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A streamed answer as ready-to-write SSE frames in OpenAI's format ({@code data: {...}\n\n}), ending with
 * {@code data: [DONE]\n\n}. A failure after the first frame is emitted as an OpenAI-shaped error frame
 * before the end, never as a silent cut. Pausing it pauses the upstream read.
 */
public interface ChunkStream extends ReadStream<Buffer> {

    /** Stops the upstream request: the client is gone. */
    void cancel();

    /**
     * Completes when the stream ends, with the usage the upstream reported (or {@link Usage#NONE}); fails with
     * the error when the stream ended in one after its first frame (the client was told in-band), since such a
     * call failed as much as one refused up front. A stream the client cancelled completes.
     */
    Future<Usage> usage();

    /**
     * The generated text streamed so far (content, reasoning, tool-call names and arguments), kept while the
     * upstream has reported no usage so that the router can count the completion tokens itself when the stream
     * ends without usage; empty once usage was reported, and for providers that always report it.
     */
    default String streamedText() {
        return "";
    }
}
