package dev.junction.gateway.surface.messages;

import dev.junction.cluster.error.GatewayException;
import dev.junction.gateway.http.StreamReframer;
import dev.junction.gateway.surface.SseData;
import dev.junction.provider.anthropic.AnthropicFormat;
import dev.junction.provider.sse.SseFrames;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/**
 * OpenAI chat chunks as Anthropic's stream events: {@code message_start} and a {@code ping}, then a content
 * block per text run or tool call ({@code content_block_start}, {@code text_delta} or {@code input_json_delta}
 * deltas, {@code content_block_stop}), and at the end {@code message_delta} with the stop reason and usage,
 * then {@code message_stop}. The usage arrives in the last chunk (translated requests always ask for it), so
 * the stop reason waits for the end of the stream. An error frame becomes Anthropic's {@code error} event.
 */
final class MessagesStream implements StreamReframer {
    private final MessageBlocks blocks = new MessageBlocks();
    private boolean started;
    private boolean failed;
    private String finishReason;
    private JsonObject usage;

    @Override
    public void onFrame(Buffer frame, Consumer<Buffer> out) {
        JsonObject chunk = SseData.json(frame);
        if (chunk == null || failed) {
            return;
        }
        GatewayException error = SseData.error(chunk);
        if (error != null) {
            failed = true;
            out.accept(event("error", AnthropicFormat.errorBody(error)));
            return;
        }
        start(chunk, out);
        if (chunk.getValue("usage") instanceof JsonObject counts) {
            usage = counts;
        }
        if (!(chunk.getValue("choices") instanceof JsonArray choices)
                || choices.isEmpty()
                || !(choices.getValue(0) instanceof JsonObject choice)) {
            return;
        }
        if (choice.getValue("delta") instanceof JsonObject delta) {
            blocks.delta(delta, out);
        }
        if (choice.getValue("finish_reason") instanceof String reason) {
            finishReason = reason;
        }
    }

    @Override
    public void onEnd(Consumer<Buffer> out) {
        if (failed) {
            return;
        }
        start(new JsonObject(), out);
        blocks.close(out);
        JsonObject delta = new JsonObject()
                .put("stop_reason", AnthropicFormat.stopReason(finishReason == null ? "stop" : finishReason))
                .put("stop_sequence", null);
        out.accept(event(
                "message_delta",
                new JsonObject()
                        .put("type", "message_delta")
                        .put("delta", delta)
                        .put("usage", AnthropicFormat.usage(usage))));
        out.accept(event("message_stop", new JsonObject().put("type", "message_stop")));
    }

    private void start(JsonObject chunk, Consumer<Buffer> out) {
        if (started) {
            return;
        }
        started = true;
        JsonObject message = new JsonObject()
                .put("id", ChatToMessage.messageId(chunk.getValue("id")))
                .put("type", "message")
                .put("role", "assistant")
                .put("model", chunk.getValue("model", ""))
                .put("content", new JsonArray())
                .put("stop_reason", null)
                .put("stop_sequence", null)
                .put("usage", AnthropicFormat.usage(null));
        out.accept(event(
                "message_start", new JsonObject().put("type", "message_start").put("message", message)));
        out.accept(event("ping", new JsonObject().put("type", "ping")));
    }

    static Buffer event(String name, JsonObject data) {
        return SseFrames.event(name, data.encode());
    }
}
