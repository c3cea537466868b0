package dev.junction.gateway.http;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;

/**
 * Rewrites a relayed stream frame by frame into another API's events (OpenAI chunks into Anthropic's or the
 * Responses API's events), or watches a native stream go by. One instance per stream, called on its event loop.
 */
public interface StreamReframer {

    /** One SSE frame as relayed ({@code data: ...\n\n}, or a named event); what to send the client goes to out. */
    void onFrame(Buffer frame, Consumer<Buffer> out);

    /** The stream ended (after its last frame, or after an error frame): the closing events. */
    void onEnd(Consumer<Buffer> out);

    /** What must be done before the response ends (storing the answer), so a client that saw the end can rely on it. */
    default Future<Void> beforeEnd() {
        return Future.succeededFuture();
    }
}
