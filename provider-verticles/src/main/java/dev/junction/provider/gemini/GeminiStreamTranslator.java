package dev.junction.provider.gemini;

import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.StreamTranslator;
import dev.junction.provider.chat.ChunkFactory;
import dev.junction.provider.google.GoogleErrorClassifier;
import dev.junction.provider.sse.SseEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A Gemini {@code streamGenerateContent?alt=sse} stream (each event a partial {@code GenerateContentResponse})
 * as OpenAI {@code chat.completion.chunk} frames. Function calls arrive whole, each becoming one tool-call
 * delta with its own index. Only the first candidate is streamed.
 *
 * <p>A failure ends the answer: nothing is emitted after it, not even {@code [DONE]}, and {@link #failure()}
 * tells the stream what to send as its error event. Failures are an {@code error} event, an unreadable event,
 * a stream that ends without a finish reason, and a block by the safety filters before any content (a
 * content-policy error, as for a whole answer). A block after some
 * content ends the answer with {@code finish_reason: content_filter}.
 */
public final class GeminiStreamTranslator implements StreamTranslator {
    private final boolean includeUsage;
    private final String model;
    private final GoogleErrorClassifier errors;
    private final ChunkFactory chunks;
    private JsonObject usage;
    private int toolCalls;
    private boolean started;
    private boolean sawContent;
    private boolean finished;
    private GatewayException failure;

    public GeminiStreamTranslator(boolean includeUsage, String model, Clock clock, GoogleErrorClassifier errors) {
        this.includeUsage = includeUsage;
        this.model = model;
        this.errors = errors;
        this.chunks = new ChunkFactory(clock.instant().getEpochSecond());
    }

    @Override
    public void onEvent(SseEvent event, Consumer<Buffer> out) {
        if (failure != null) {
            return;
        }
        JsonObject response = parse(event.data());
        if (finished) {
            // Nothing follows the finish reason but, at most, the final usage.
            if (response != null && response.getValue("usageMetadata") instanceof JsonObject metadata) {
                usage = metadata;
            }
            return;
        }
        if (response == null) {
            fail(errors.unreadable("the stream sent an unreadable event"));
            return;
        }
        try {
            onResponse(response, out);
        } catch (ClassCastException malformed) {
            fail(errors.unreadable("the stream sent a malformed event"));
        }
    }

    private void onResponse(JsonObject response, Consumer<Buffer> out) {
        if (response.getValue("error") instanceof JsonObject error) {
            fail(errors.fromErrorObject(error));
            return;
        }
        if (response.getValue("usageMetadata") instanceof JsonObject metadata) {
            usage = metadata;
        }
        String blocked = GeminiResponseTranslator.blockReason(response);
        if (blocked != null && !sawContent) {
            fail(errors.contentPolicy("The prompt was blocked (blockReason: " + blocked + ")"));
            return;
        }
        start(response, out);
        JsonArray candidates = response.getJsonArray("candidates", new JsonArray());
        if (!candidates.isEmpty()) {
            onCandidate(candidates.getJsonObject(0), out);
        }
    }

    private void start(JsonObject response, Consumer<Buffer> out) {
        if (!started) {
            started = true;
            chunks.identify(GeminiResponseTranslator.idOf(response), response.getString("modelVersion", model));
            out.accept(chunks.start());
        }
    }

    private void onCandidate(JsonObject candidate, Consumer<Buffer> out) {
        GeminiMessage message = GeminiMessage.of(candidate);
        emitIfAny("reasoning_content", message.reasoning(), out);
        emitIfAny("content", message.text(), out);
        for (Object call : message.toolCalls()) {
            JsonObject indexed = ((JsonObject) call).copy().put("index", toolCalls++);
            out.accept(chunks.toolCall(indexed));
            sawContent = true;
        }
        String reason = candidate.getString("finishReason");
        String finish = GeminiFinishReasons.of(reason, toolCalls > 0);
        if ("content_filter".equals(finish) && !sawContent) {
            fail(errors.contentPolicy("The response was blocked (finishReason: " + reason + ")"));
        } else if (finish != null) {
            finished = true;
            out.accept(chunks.delta(new JsonObject(), finish));
        }
    }

    private void emitIfAny(String field, String text, Consumer<Buffer> out) {
        sawContent |= !text.isEmpty();
        chunks.emitIfAny(field, text, out);
    }

    @Override
    public void onEnd(Consumer<Buffer> out) {
        if (failure != null) {
            return;
        }
        if (!finished) {
            fail(errors.unreadable("the stream ended before the answer was complete"));
            return;
        }
        chunks.end(includeUsage, GeminiUsage.toOpenAi(usage), out);
    }

    @Override
    public Usage usage() {
        return GeminiUsage.from(usage);
    }

    @Override
    public Optional<GatewayException> failure() {
        return Optional.ofNullable(failure);
    }

    /** The stream writes the failure as its one error event; nothing is emitted after it. */
    private void fail(GatewayException error) {
        failure = error;
    }

    private static JsonObject parse(String data) {
        try {
            return new JsonObject(data);
        } catch (DecodeException | ClassCastException notJson) {
            return null;
        }
    }
}
