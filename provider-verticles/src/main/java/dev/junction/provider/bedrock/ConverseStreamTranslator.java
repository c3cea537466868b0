package dev.junction.provider.bedrock;

import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.StreamTranslator;
import dev.junction.provider.aws.AwsEventStreamDecoder;
import dev.junction.provider.chat.ChunkFactory;
import dev.junction.provider.chat.ToolCalls;
import dev.junction.provider.sse.SseEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Translates ConverseStream's events ({@code messageStart}, {@code contentBlockStart}, {@code contentBlockDelta},
 * {@code contentBlockStop}, {@code messageStop}, {@code metadata}), decoded from the event-stream framing, into
 * OpenAI {@code chat.completion.chunk} frames. {@code metadata}, which carries the usage, comes after {@code
 * messageStop}, so the optional usage chunk and {@code [DONE]} are written when the stream ends.
 */
final class ConverseStreamTranslator implements StreamTranslator {
    private final boolean includeUsage;
    private final ChunkFactory chunks;
    /** Converse content-block index to OpenAI tool-call index: OpenAI counts tool calls only. */
    private final Map<Integer, Integer> toolCallIndex = new HashMap<>();

    private JsonObject usage;
    private boolean stopped;
    private GatewayException failure;

    ConverseStreamTranslator(boolean includeUsage, String model, Clock clock) {
        this.includeUsage = includeUsage;
        this.chunks = new ChunkFactory(clock.instant().getEpochSecond());
        chunks.identify("chatcmpl-" + UUID.randomUUID(), model);
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
            dispatch(event.event(), data, out);
        } catch (ClassCastException malformed) {
            fail(unreadable("a malformed stream event"));
        }
    }

    private void dispatch(String type, JsonObject data, Consumer<Buffer> out) {
        switch (type == null ? "" : type) {
            case "messageStart" -> out.accept(chunks.start());
            case "contentBlockStart" -> onBlockStart(data, out);
            case "contentBlockDelta" -> onBlockDelta(data, out);
            case "messageStop" -> {
                stopped = true;
                out.accept(chunks.delta(new JsonObject(), ConverseOutput.finishReason(data.getString("stopReason"))));
            }
            case "metadata" -> usage = data.getJsonObject("usage");
            case AwsEventStreamDecoder.EXCEPTION -> fail(BedrockErrorClassifier.fromStreamException(data));
            default -> {
                // contentBlockStop, and event types Bedrock may add later, carry nothing for a client
            }
        }
    }

    private void onBlockStart(JsonObject data, Consumer<Buffer> out) {
        JsonObject start = data.getJsonObject("start", new JsonObject());
        if (start.getValue("toolUse") instanceof JsonObject toolUse) {
            int ordinal = toolCallIndex.size();
            toolCallIndex.put(data.getInteger("contentBlockIndex", 0), ordinal);
            out.accept(chunks.toolCall(
                    ToolCalls.start(ordinal, toolUse.getString("toolUseId"), toolUse.getString("name"))));
        }
    }

    private void onBlockDelta(JsonObject data, Consumer<Buffer> out) {
        JsonObject delta = data.getJsonObject("delta", new JsonObject());
        if (delta.getValue("text") instanceof String text) {
            chunks.emitIfAny("content", text, out);
        } else if (delta.getValue("toolUse") instanceof JsonObject toolUse) {
            Integer ordinal = toolCallIndex.get(data.getInteger("contentBlockIndex", 0));
            String partial = toolUse.getString("input", "");
            if (ordinal != null && !partial.isEmpty()) {
                out.accept(chunks.toolCall(ToolCalls.argumentsPart(ordinal, partial)));
            }
        } else if (delta.getValue("reasoningContent") instanceof JsonObject reasoning
                && reasoning.getValue("text") instanceof String text) {
            chunks.emitIfAny("reasoning_content", text, out);
        }
    }

    @Override
    public void onEnd(Consumer<Buffer> out) {
        if (failure != null) {
            return;
        }
        if (!stopped) {
            fail(unreadable("a stream that ended before the message was complete"));
            return;
        }
        chunks.end(includeUsage, ConverseOutput.openAiUsage(usage), out);
    }

    @Override
    public Usage usage() {
        return ConverseOutput.usage(usage);
    }

    @Override
    public Optional<GatewayException> failure() {
        return Optional.ofNullable(failure);
    }

    /** The stream writes the failure as its one error event, redacted; nothing is emitted after it. */
    private void fail(GatewayException error) {
        failure = error;
    }

    private static GatewayException unreadable(String what) {
        return BedrockErrorClassifier.error(ErrorKind.BAD_GATEWAY, "bedrock sent " + what);
    }

    private static JsonObject parse(String data) {
        try {
            return new JsonObject(data);
        } catch (DecodeException | ClassCastException notJson) {
            return null;
        }
    }
}
