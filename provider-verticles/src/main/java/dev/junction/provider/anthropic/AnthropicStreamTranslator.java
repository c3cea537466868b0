package dev.junction.provider.anthropic;

import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.StreamTranslator;
import dev.junction.provider.chat.ChunkFactory;
import dev.junction.provider.chat.ToolCalls;
import dev.junction.provider.sse.SseEvent;
import dev.junction.provider.sse.SseFrames;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One Anthropic event stream as OpenAI {@code chat.completion.chunk} frames.
 *
 * <p>A failure ends the answer: after an {@code error} event (or an unreadable event) this emits nothing at
 * all, not even {@code [DONE]}, so a client cannot mistake the cut answer for a whole one, and {@link
 * #failure()} tells the stream what went wrong (the stream sends it as the OpenAI-shaped error event, as
 * LiteLLM's proxy does). A stream that ends before Anthropic said it was done is such a failure too.
 */
final class AnthropicStreamTranslator implements StreamTranslator {
    private final boolean includeUsage;
    private final AnthropicErrorClassifier errors;
    private final ChunkFactory chunks;
    /** Anthropic block index to OpenAI tool-call index: OpenAI counts tool calls only, not text blocks. */
    private final Map<Integer, Integer> toolCallIndex = new HashMap<>();

    private final AnthropicStreamUsage usage = new AnthropicStreamUsage();
    private boolean finished;
    private GatewayException failure;

    AnthropicStreamTranslator(boolean includeUsage, Clock clock, AnthropicErrorClassifier errors) {
        this.includeUsage = includeUsage;
        this.errors = errors;
        this.chunks = new ChunkFactory(clock.instant().getEpochSecond());
    }

    @Override
    public void onEvent(SseEvent event, Consumer<Buffer> out) {
        if (failure != null) {
            return;
        }
        JsonObject data = parse(event.data());
        if (data == null) {
            fail(unreadable("an unreadable stream event"));
            return;
        }
        try {
            dispatch(data, event.event(), out);
        } catch (ClassCastException malformed) {
            // a field of an unexpected JSON type: the event cannot be trusted, and neither can the rest
            fail(unreadable("a malformed stream event"));
        }
    }

    private void dispatch(JsonObject data, String eventName, Consumer<Buffer> out) {
        switch (data.getString("type", String.valueOf(eventName))) {
            case "message_start" -> onMessageStart(data.getJsonObject("message", new JsonObject()), out);
            case "content_block_start" -> onBlockStart(
                    data.getInteger("index", 0), data.getJsonObject("content_block", new JsonObject()), out);
            case "content_block_delta" -> onBlockDelta(
                    data.getInteger("index", 0), data.getJsonObject("delta", new JsonObject()), out);
            case "message_delta" -> onMessageDelta(data, out);
            case "message_stop" -> finished = true;
            case "error" -> fail(errors.fromErrorEvent(data));
            default -> {
                // ping, content_block_stop, and event types Anthropic may add later carry nothing for a client
            }
        }
    }

    @Override
    public void onEnd(Consumer<Buffer> out) {
        if (failure != null) {
            return;
        }
        if (!finished) {
            fail(unreadable("the stream ended before the message was complete"));
            return;
        }
        if (includeUsage) {
            JsonObject last = chunks.chunk(new JsonArray()).put("usage", AnthropicUsage.toOpenAi(usage.counts()));
            out.accept(SseFrames.data(last));
        }
        out.accept(SseFrames.done());
    }

    @Override
    public Usage usage() {
        return usage.usage();
    }

    /** The error that ended the stream, if one did. */
    @Override
    public Optional<GatewayException> failure() {
        return Optional.ofNullable(failure);
    }

    private void onMessageStart(JsonObject message, Consumer<Buffer> out) {
        chunks.identify(message.getString("id", ""), message.getString("model", ""));
        usage.start(message);
        out.accept(chunks.start());
    }

    private void onBlockStart(int index, JsonObject block, Consumer<Buffer> out) {
        String type = block.getString("type", "");
        if ("tool_use".equals(type)) {
            int ordinal = toolCallIndex.size();
            toolCallIndex.put(index, ordinal);
            out.accept(chunks.toolCall(ToolCalls.start(ordinal, block.getString("id"), block.getString("name"))));
        } else if ("text".equals(type) && !block.getString("text", "").isEmpty()) {
            out.accept(chunks.delta(new JsonObject().put("content", block.getString("text")), null));
        }
    }

    private void onBlockDelta(int index, JsonObject delta, Consumer<Buffer> out) {
        switch (delta.getString("type", "")) {
            case "text_delta" -> chunks.emitIfAny("content", delta.getString("text", ""), out);
            case "thinking_delta" -> chunks.emitIfAny("reasoning_content", delta.getString("thinking", ""), out);
            case "input_json_delta" -> {
                String partial = delta.getString("partial_json", "");
                Integer ordinal = toolCallIndex.get(index);
                if (ordinal != null && !partial.isEmpty()) {
                    out.accept(chunks.toolCall(ToolCalls.argumentsPart(ordinal, partial)));
                }
            }
            default -> {
                // signature and citation deltas have no OpenAI counterpart
            }
        }
    }

    private void onMessageDelta(JsonObject data, Consumer<Buffer> out) {
        usage.delta(data);
        JsonObject delta = data.getJsonObject("delta", new JsonObject());
        String finishReason = FinishReasons.fromStopReason(delta.getString("stop_reason"));
        if (finishReason != null) {
            finished = true;
            out.accept(chunks.delta(new JsonObject(), finishReason));
        }
    }

    private void fail(GatewayException error) {
        failure = error;
    }

    private static GatewayException unreadable(String what) {
        return LitellmErrorNames.error(ErrorKind.BAD_GATEWAY, "anthropic sent " + what);
    }

    private static JsonObject parse(String data) {
        try {
            return new JsonObject(data);
        } catch (DecodeException | ClassCastException notJson) {
            return null;
        }
    }
}
