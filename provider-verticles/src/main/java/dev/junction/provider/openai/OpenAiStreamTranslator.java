package dev.junction.provider.openai;

import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.StreamTranslator;
import dev.junction.provider.sse.SseEvent;
import dev.junction.provider.sse.SseFrames;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Passes an OpenAI-format stream through. Chunks are forwarded as the upstream wrote them, and {@code [DONE]}
 * is always sent last, even by servers that omit it.
 *
 * <p>An error the upstream sends in the stream ({@code data: {"error": {...}}}) is not forwarded as it came:
 * it ends the answer as a {@link #failure()}, which the stream tells the client as Junction's own error
 * event, redacted (upstreams quote keys and headers in these messages), and without {@code [DONE]}.
 *
 * <p>A chunk that carries usage is parsed to record it. When the client did not ask for usage, the upstream
 * sends none, so every chunk is parsed and the generated text kept (content, reasoning, tool-call names and
 * arguments) for the router to count the completion tokens: without it such a stream would be charged its
 * prompt only, against tpm limits and budgets alike.
 */
public final class OpenAiStreamTranslator implements StreamTranslator {
    private static final String DONE = "[DONE]";
    /** About 250,000 tokens: an answer longer than this is counted up to here. */
    private static final int MAX_TEXT_CHARS = 1_000_000;

    private final OpenAiErrorClassifier errors;
    private Usage usage = Usage.NONE;
    private StringBuilder text;
    private GatewayException failure;

    /**
     * @param keepText whether to keep the generated text for counting (the client asked for no usage)
     * @param errors reads an error event of the stream
     */
    public OpenAiStreamTranslator(boolean keepText, OpenAiErrorClassifier errors) {
        this.text = keepText ? new StringBuilder() : null;
        this.errors = errors;
    }

    @Override
    public void onEvent(SseEvent event, Consumer<Buffer> out) {
        String data = event.data();
        if (failure != null || DONE.equals(data.strip())) {
            return;
        }
        // In a chunk's JSON the key "error" can only be a key: inside a string its quotes would be escaped.
        if (data.contains("\"error\"") && isError(data)) {
            return;
        }
        if (text != null || data.contains("\"usage\"")) {
            read(data);
        }
        out.accept(SseFrames.data(data));
    }

    private boolean isError(String data) {
        JsonObject event = parse(data);
        if (event == null || event.getValue("error") == null) {
            return false;
        }
        failure = errors.fromStreamError(event);
        return true;
    }

    private static JsonObject parse(String data) {
        try {
            return new JsonObject(data);
        } catch (DecodeException | ClassCastException malformed) {
            return null;
        }
    }

    private void read(String data) {
        JsonObject chunk = parse(data);
        if (chunk == null) {
            return; // a malformed chunk is the client's to see; it counts for nothing here
        }
        if (chunk.getValue("usage") instanceof JsonObject usageJson) {
            usage = Usage.fromOpenAi(usageJson);
            text = null;
        } else if (text != null && chunk.getValue("choices") instanceof JsonArray choices) {
            choices.forEach(this::keepText);
        }
    }

    private void keepText(Object choice) {
        if (!(choice instanceof JsonObject fields) || text.length() > MAX_TEXT_CHARS) {
            return;
        }
        append(fields.getValue("text")); // legacy completions
        if (fields.getValue("delta") instanceof JsonObject delta) {
            append(delta.getValue("content"));
            append(delta.getValue("reasoning_content"));
            if (delta.getValue("tool_calls") instanceof JsonArray calls) {
                calls.forEach(call -> {
                    if (call instanceof JsonObject callFields) {
                        appendFunction(callFields.getValue("function"));
                    }
                });
            }
            appendFunction(delta.getValue("function_call"));
        }
    }

    private void appendFunction(Object function) {
        if (function instanceof JsonObject fields) {
            append(fields.getValue("name"));
            append(fields.getValue("arguments"));
        }
    }

    private void append(Object piece) {
        if (piece instanceof String string) {
            text.append(string);
        }
    }

    @Override
    public void onEnd(Consumer<Buffer> out) {
        if (failure == null) {
            out.accept(SseFrames.done());
        }
    }

    @Override
    public Optional<GatewayException> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public Usage usage() {
        return usage;
    }

    @Override
    public String streamedText() {
        return text == null ? "" : text.toString();
    }
}
