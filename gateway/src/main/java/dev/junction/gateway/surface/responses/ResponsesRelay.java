package dev.junction.gateway.surface.responses;

import dev.junction.gateway.http.StreamReframer;
import dev.junction.gateway.surface.SseData;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A native Responses stream of OpenAI or Azure, relayed as it came; its final {@code response.completed} (or
 * {@code response.incomplete}) event is read on the way, so the response is kept like a translated one.
 */
final class ResponsesRelay implements StreamReframer {
    private final Function<JsonObject, Future<Void>> onCompleted;
    private Future<Void> completed = Future.succeededFuture();

    ResponsesRelay(Function<JsonObject, Future<Void>> onCompleted) {
        this.onCompleted = onCompleted;
    }

    @Override
    public void onFrame(Buffer frame, Consumer<Buffer> out) {
        out.accept(frame);
        // Only the last event of a stream names either; reading every delta would cost more than relaying it.
        String head = frame.getString(0, Math.min(frame.length(), 64));
        if (head.contains("response.completed") || head.contains("response.incomplete")) {
            JsonObject event = SseData.json(frame);
            if (event != null && event.getValue("response") instanceof JsonObject response) {
                completed = onCompleted.apply(response);
            }
        }
    }

    @Override
    public void onEnd(Consumer<Buffer> out) {
        // the upstream's own events end the stream
    }

    @Override
    public Future<Void> beforeEnd() {
        return completed;
    }
}
