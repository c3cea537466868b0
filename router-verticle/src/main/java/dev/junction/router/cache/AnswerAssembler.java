package dev.junction.router.cache;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * Puts a streamed answer back together from the frames the client received, into the body the provider would
 * have answered without {@code stream}, so that it is cached like one.
 */
interface AnswerAssembler {
    /** Reads one relayed buffer, which may hold several SSE events. */
    void accept(Buffer frame);

    /** Whether the stream ended as a whole answer ends, without an error event. */
    boolean whole();

    /** The assembled answer; {@code counted} is the usage to put in it when the stream reported none. */
    JsonObject answer(JsonObject counted);
}
