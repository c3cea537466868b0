package dev.junction.provider.ollama;

import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.StreamTranslator;
import dev.junction.provider.chat.ChunkFactory;
import dev.junction.provider.openai.OpenAiErrorClassifier;
import dev.junction.provider.sse.SseEvent;
import dev.junction.provider.sse.SseFrames;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An Ollama NDJSON stream (one JSON object per line, the last with {@code done: true} and the token counts)
 * as OpenAI chunks: {@code chat.completion.chunk} for chat, {@code text_completion} chunks for legacy
 * completions. A line with {@code error}, an unreadable line, or a stream that ends before {@code done} ends
 * the answer: nothing follows, and {@link #failure()} tells the stream what to send as its error event.
 */
final class OllamaStreamTranslator implements StreamTranslator {
    private final OllamaMode mode;
    private final boolean includeUsage;
    private final ChunkFactory chunks;
    private final OpenAiErrorClassifier errors;
    private final String id;
    private boolean started;
    private boolean sawToolCalls;
    private int toolCalls;
    private boolean finished;
    private Usage usage = Usage.NONE;
    private GatewayException failure;

    OllamaStreamTranslator(OllamaMode mode, boolean includeUsage, long created, OpenAiErrorClassifier errors) {
        this.mode = mode;
        this.includeUsage = includeUsage;
        this.chunks = new ChunkFactory(
                created, mode == OllamaMode.COMPLETION ? ChunkFactory.TEXT_COMPLETION : ChunkFactory.CHAT);
        this.errors = errors;
        this.id = OllamaAnswers.newId(mode);
    }

    @Override
    public void onEvent(SseEvent event, Consumer<Buffer> out) {
        if (failure != null || finished) {
            return;
        }
        JsonObject line = parse(event.data());
        if (line == null) {
            fail(unreadable("an unreadable stream line"));
        } else if (line.getValue("error") != null) {
            fail(errors.classify(500, null, Buffer.buffer(event.data())));
        } else {
            try {
                onLine(line, out);
            } catch (ClassCastException malformed) {
                fail(unreadable("a malformed stream line"));
            }
        }
    }

    private void onLine(JsonObject line, Consumer<Buffer> out) {
        if (!started) {
            started = true;
            chunks.identify(id, line.getString("model", ""));
            if (mode != OllamaMode.COMPLETION) {
                out.accept(chunks.start());
            }
        }
        switch (mode) {
            case CHAT -> onChatLine(line.getJsonObject("message", new JsonObject()), out);
            case CHAT_AS_PROMPT -> chunks.emitIfAny("content", line.getString("response", ""), out);
            default -> emitText(line.getString("response", ""), null, out);
        }
        if (Boolean.TRUE.equals(line.getValue("done"))) {
            finished = true;
            usage = OllamaAnswers.usage(line);
            String finish = OllamaAnswers.finishReason(line, sawToolCalls);
            if (mode == OllamaMode.COMPLETION) {
                emitText("", finish, out);
            } else {
                out.accept(chunks.delta(new JsonObject(), finish));
            }
        }
    }

    private void onChatLine(JsonObject message, Consumer<Buffer> out) {
        chunks.emitIfAny("reasoning_content", message.getString("thinking", ""), out);
        chunks.emitIfAny("content", message.getString("content", ""), out);
        for (Object call : OllamaAnswers.toolCalls(message)) {
            sawToolCalls = true;
            JsonObject indexed = ((JsonObject) call).copy().put("index", toolCalls++);
            out.accept(chunks.toolCall(indexed));
        }
    }

    /** A {@code text_completion} chunk, the legacy completions stream's shape. */
    private void emitText(String text, String finishReason, Consumer<Buffer> out) {
        if (text.isEmpty() && finishReason == null) {
            return;
        }
        JsonObject choice = new JsonObject()
                .put("index", 0)
                .put("text", text)
                .put("logprobs", null)
                .put("finish_reason", finishReason);
        out.accept(SseFrames.data(chunks.chunk(new JsonArray().add(choice))));
    }

    @Override
    public void onEnd(Consumer<Buffer> out) {
        if (failure != null) {
            return;
        }
        if (!finished) {
            fail(unreadable("a stream that ended before it was done"));
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
    private void fail(GatewayException error) {
        failure = error;
    }

    private static GatewayException unreadable(String what) {
        ErrorKind kind = ErrorKind.BAD_GATEWAY;
        return GatewayException.of(kind, kind.describe(OllamaAdapter.LABEL + " - ollama sent " + what));
    }

    private static JsonObject parse(String data) {
        try {
            return new JsonObject(data);
        } catch (DecodeException | ClassCastException notJson) {
            return null;
        }
    }
}
