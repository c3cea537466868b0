package dev.junction.gateway.surface.responses;

import dev.junction.cluster.error.GatewayException;
import dev.junction.gateway.http.StreamReframer;
import dev.junction.gateway.surface.SseData;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * OpenAI chat chunks as the Responses API's stream: {@code response.created} and {@code
 * response.in_progress}, then per output item its {@code output_item.added}, deltas ({@code output_text.delta}
 * or {@code function_call_arguments.delta}), their {@code .done} events and {@code output_item.done}, and at
 * the end {@code response.completed} (or {@code response.incomplete}) with the whole response and its usage,
 * which is then kept ({@code onCompleted}). An error frame becomes an {@code error} event.
 */
final class ResponsesStream implements StreamReframer {
    private final String id;
    private final JsonObject request;
    private final Function<JsonObject, Future<Void>> onCompleted;
    private final OutputItems items;
    private JsonObject response;
    private JsonObject usage;
    private String finishReason;
    private boolean failed;
    private Future<Void> completed = Future.succeededFuture();

    ResponsesStream(String id, JsonObject request, Function<JsonObject, Future<Void>> onCompleted) {
        this.id = id;
        this.request = request;
        this.onCompleted = onCompleted;
        this.items = new OutputItems(new ResponseEvents());
    }

    @Override
    public void onFrame(Buffer frame, Consumer<Buffer> out) {
        JsonObject chunk = SseData.json(frame);
        if (chunk == null || failed) {
            return;
        }
        GatewayException error = SseData.error(chunk);
        if (error != null) {
            failed = true;
            out.accept(items.events().error(error));
            return;
        }
        start(chunk, out);
        if (chunk.getValue("usage") instanceof JsonObject counts) {
            usage = counts;
        }
        if (chunk.getValue("choices") instanceof JsonArray choices
                && !choices.isEmpty()
                && choices.getValue(0) instanceof JsonObject choice) {
            if (choice.getValue("delta") instanceof JsonObject delta) {
                items.delta(delta, out);
            }
            if (choice.getValue("finish_reason") instanceof String reason) {
                finishReason = reason;
            }
        }
    }

    private void start(JsonObject chunk, Consumer<Buffer> out) {
        if (response != null) {
            return;
        }
        long created =
                chunk.getValue("created") instanceof Number when ? when.longValue() : System.currentTimeMillis() / 1000;
        response = ResponseObject.start(id, request, String.valueOf(chunk.getValue("model", "")), created);
        out.accept(items.events().of("response.created", new JsonObject().put("response", response.copy())));
        out.accept(items.events().of("response.in_progress", new JsonObject().put("response", response.copy())));
    }

    @Override
    public void onEnd(Consumer<Buffer> out) {
        if (failed) {
            return;
        }
        start(new JsonObject(), out);
        items.close(out);
        JsonObject done = ResponseObject.finish(response, items.output(), usage, finishReason);
        String type = "incomplete".equals(done.getValue("status")) ? "response.incomplete" : "response.completed";
        out.accept(items.events().of(type, new JsonObject().put("response", done)));
        completed = onCompleted.apply(done);
    }

    @Override
    public Future<Void> beforeEnd() {
        return completed;
    }
}
