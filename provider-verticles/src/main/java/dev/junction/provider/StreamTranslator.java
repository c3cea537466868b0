package dev.junction.provider;

import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.sse.SseEvent;
import dev.junction.provider.sse.SseFrames;
import io.vertx.core.buffer.Buffer;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns one upstream SSE stream into OpenAI {@code chat.completion.chunk} frames (or relays the events of an
 * API the client speaks natively, see {@link dev.junction.cluster.bus.SurfaceRequest}). One instance per
 * stream; called on one thread.
 */
public interface StreamTranslator {

    /** Translates one upstream event into zero or more complete SSE frames ({@code data: ...\n\n}). */
    void onEvent(SseEvent event, Consumer<Buffer> out);

    /**
     * The upstream ended cleanly: emit whatever closes the stream (a usage chunk if the client asked for one)
     * and the final {@code data: [DONE]} frame.
     */
    void onEnd(Consumer<Buffer> out);

    /** The usage seen so far, or {@link Usage#NONE}. */
    Usage usage();

    /** See {@link dev.junction.cluster.bus.ChunkStream#streamedText()}. */
    default String streamedText() {
        return "";
    }

    /** How many events of the upstream were dropped as unreadable rather than passed on or failing the stream. */
    default int droppedChunks() {
        return 0;
    }

    /**
     * The error that ended the stream, reported by the upstream in the stream itself or found unreadable, if
     * any. A translator does not write it: the stream sends it to the client as its one error event, redacted,
     * and the translator emits nothing more once it is set.
     */
    default Optional<GatewayException> failure() {
        return Optional.empty();
    }

    /**
     * The stream's one error event, for a failure after the stream started ({@link #failure()}, a cut
     * connection, a stall), its message already redacted: an OpenAI error frame, or the native API's own
     * error event for a stream passed through.
     */
    default Buffer errorFrame(GatewayException failure) {
        return SseFrames.error(failure);
    }
}
