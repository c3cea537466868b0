package dev.junction.provider.cohere;

import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.StreamTranslator;
import dev.junction.provider.chat.ChunkFactory;
import dev.junction.provider.chat.ToolCalls;
import dev.junction.provider.sse.SseEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A Cohere v2 chat stream as OpenAI {@code chat.completion.chunk} frames: {@code message-start} opens the
 * answer, {@code content-delta} carries text, {@code tool-call-start} and {@code tool-call-delta} a tool call
 * and its argument fragments, {@code message-end} the finish reason and usage. Citations and the tool plan
 * have no OpenAI counterpart. An unreadable event, or a stream that ends without {@code message-end}, ends
 * the answer: nothing follows, and {@link #failure()} tells the stream what to send as its error event.
 */
final class CohereStreamTranslator implements StreamTranslator {
    private final boolean includeUsage;
    private final String model;
    private final ChunkFactory chunks;
    /** Cohere's tool-call index to OpenAI's, in the order the calls started. */
    private final Map<Integer, Integer> toolIndex = new HashMap<>();

    private Usage usage = Usage.NONE;
    private boolean finished;
    private GatewayException failure;

    CohereStreamTranslator(boolean includeUsage, String model, long created) {
        this.includeUsage = includeUsage;
        this.model = model;
        this.chunks = new ChunkFactory(created);
    }

    @Override
    public void onEvent(SseEvent event, Consumer<Buffer> out) {
        if (failure != null || finished) {
            return;
        }
        JsonObject data = parse(event.data());
        if (data == null) {
            fail("an unreadable stream event");
            return;
        }
        try {
            dispatch(data, data.getString("type", String.valueOf(event.event())), out);
        } catch (ClassCastException malformed) {
            fail("a malformed stream event");
        }
    }

    private void dispatch(JsonObject data, String type, Consumer<Buffer> out) {
        JsonObject message = data.getJsonObject("delta", new JsonObject()).getJsonObject("message", new JsonObject());
        switch (type) {
            case "message-start" -> {
                chunks.identify(data.getString("id", ""), model);
                out.accept(chunks.start());
            }
            case "content-start", "content-delta" -> {
                String text = message.getJsonObject("content", new JsonObject()).getString("text", "");
                chunks.emitIfAny("content", text, out);
            }
            case "tool-call-start" -> toolCallStart(data.getInteger("index", 0), message, out);
            case "tool-call-delta" -> toolCallDelta(data.getInteger("index", 0), message, out);
            case "message-end" -> messageEnd(data.getJsonObject("delta", new JsonObject()), out);
            default -> {
                // tool-plan-delta, citations and the *-end events carry nothing for an OpenAI client
            }
        }
    }

    private void toolCallStart(int index, JsonObject message, Consumer<Buffer> out) {
        JsonObject call = message.getJsonObject("tool_calls", new JsonObject()).copy();
        int ordinal = toolIndex.size();
        toolIndex.put(index, ordinal);
        JsonObject function = call.getJsonObject("function", new JsonObject());
        function.put("arguments", function.getString("arguments", ""));
        call.put("index", ordinal).put("type", "function").put("function", function);
        out.accept(chunks.toolCall(call));
    }

    private void toolCallDelta(int index, JsonObject message, Consumer<Buffer> out) {
        JsonObject function =
                message.getJsonObject("tool_calls", new JsonObject()).getJsonObject("function", new JsonObject());
        String arguments = function.getString("arguments", "");
        Integer ordinal = toolIndex.get(index);
        if (ordinal != null && !arguments.isEmpty()) {
            out.accept(chunks.toolCall(ToolCalls.argumentsPart(ordinal, arguments)));
        }
    }

    private void messageEnd(JsonObject delta, Consumer<Buffer> out) {
        finished = true;
        usage = CohereAnswers.usage(delta.getJsonObject("usage"));
        String finish = CohereAnswers.finishReason(delta.getString("finish_reason", "COMPLETE"));
        out.accept(chunks.delta(new JsonObject(), finish));
    }

    @Override
    public void onEnd(Consumer<Buffer> out) {
        if (failure != null) {
            return;
        }
        if (!finished) {
            fail("a stream that ended before message-end");
            return;
        }
        chunks.end(includeUsage, usage.toOpenAi(), out);
    }

    @Override
    public Usage usage() {
        return usage;
    }

    @Override
    public Optional<GatewayException> failure() {
        return Optional.ofNullable(failure);
    }

    /** The stream writes the failure as its one error event; nothing is emitted after it. */
    private void fail(String what) {
        ErrorKind kind = ErrorKind.BAD_GATEWAY;
        failure = GatewayException.of(kind, kind.describe(CohereAdapter.LABEL + " - cohere sent " + what));
    }

    private static JsonObject parse(String data) {
        try {
            return new JsonObject(data);
        } catch (DecodeException | ClassCastException notJson) {
            return null;
        }
    }
}
