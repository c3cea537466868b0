package dev.junction.provider.openai;

import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.ErrorKind;
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
 * is always sent last, even by servers that omit it once the answer has its {@code finish_reason}. A stream
 * that closes with neither was cut: that is a {@link #failure()}, never an answer presented as whole.
 *
 * <p>A {@code data:} line that is not a JSON object is dropped and counted ({@link #droppedChunks()}): strict
 * clients such as the OpenAI SDKs raise on one, losing the whole answer for one bad line.
 *
 * <p>An error the upstream sends in the stream ({@code data: {"error": {...}}}) is not forwarded as it came:
 * it ends the answer as a {@link #failure()}, which the stream tells the client as Junction's own error
 * event, redacted (upstreams quote keys and headers in these messages), and without {@code [DONE]}.
 *
 * <p>Every chunk is parsed, for its usage and finish reason. When the client did not ask for usage, the
 * upstream sends none, so the generated text is kept too (content, reasoning, tool-call names and arguments)
 * for the router to count the completion tokens: without it such a stream would be charged its prompt only,
 * against tpm limits and budgets alike.
 */
public final class OpenAiStreamTranslator implements StreamTranslator {
    private static final String DONE = "[DONE]";
    /** About 250,000 tokens: an answer longer than this is counted up to here. */
    private static final int MAX_TEXT_CHARS = 1_000_000;

    private final OpenAiErrorClassifier errors;
    private Usage usage = Usage.NONE;
    private StringBuilder text;
    private GatewayException failure;
    /** Whether the upstream sent {@code [DONE]}, or a choice its {@code finish_reason}: it ended on purpose. */
    private boolean done;

    private boolean finished;
    private int dropped;

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
        if (failure != null) {
            return;
        }
        if (DONE.equals(data.strip())) {
            done = true;
            return;
        }
        JsonObject chunk = parse(data);
        if (chunk == null) {
            // Strict clients (the OpenAI SDKs) raise on a data line that is not JSON: it goes no further.
            dropped++;
            return;
        }
        if (chunk.getValue("error") != null) {
            failure = errors.fromStreamError(chunk);
            return;
        }
        read(chunk);
        out.accept(SseFrames.data(data));
    }

    private static JsonObject parse(String data) {
        try {
            return new JsonObject(data);
        } catch (DecodeException | ClassCastException malformed) {
            return null;
        }
    }

    private void read(JsonObject chunk) {
        if (chunk.getValue("usage") instanceof JsonObject usageJson) {
            usage = Usage.fromOpenAi(usageJson);
            text = null;
        }
        if (chunk.getValue("choices") instanceof JsonArray choices) {
            for (Object choice : choices) {
                if (choice instanceof JsonObject fields) {
                    finished |= fields.getValue("finish_reason") instanceof String;
                    if (text != null) {
                        keepText(fields);
                    }
                }
            }
        }
    }

    private void keepText(JsonObject fields) {
        if (text.length() > MAX_TEXT_CHARS) {
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
        if (failure == null && !done && !finished) {
            failure = GatewayException.of(
                    ErrorKind.BAD_GATEWAY,
                    ErrorKind.BAD_GATEWAY.describe(
                            errors.label() + " - the stream ended before the answer was complete"));
        }
        if (failure == null) {
            out.accept(SseFrames.done());
        }
    }

    @Override
    public int droppedChunks() {
        return dropped;
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
