package dev.junction.provider.sagemaker;

import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.StreamTranslator;
import dev.junction.provider.aws.AwsEventStreamDecoder;
import dev.junction.provider.chat.ChunkFactory;
import dev.junction.provider.sse.SseEvent;
import dev.junction.provider.sse.SseFrames;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * TGI's streamed tokens, {@code data:{"token":{"text",...},"generated_text":null,"details":null}} (the last one
 * with {@code generated_text} and {@code details.finish_reason}), as {@code chat.completion.chunk} frames.
 */
final class TgiStreamTranslator implements StreamTranslator {
    private static final int MAX_TEXT_CHARS = 1_000_000;

    private final ChunkFactory chunks;
    private final StringBuilder text = new StringBuilder();
    private boolean started;
    private boolean finished;
    private GatewayException failure;

    TgiStreamTranslator(String model, Clock clock) {
        this.chunks = new ChunkFactory(clock.instant().getEpochSecond());
        chunks.identify("chatcmpl-" + UUID.randomUUID(), model);
    }

    @Override
    public void onEvent(SseEvent event, Consumer<Buffer> out) {
        if (failure != null || finished) {
            return;
        }
        if (AwsEventStreamDecoder.EXCEPTION.equals(event.event())) {
            fail(SageMakerErrors.fromStreamException(new JsonObject(event.data())));
            return;
        }
        JsonObject data;
        try {
            data = new JsonObject(event.data());
        } catch (DecodeException | ClassCastException notJson) {
            return; // TGI's keep-alive comments and blank events carry nothing
        }
        if (!started) {
            started = true;
            out.accept(chunks.start());
        }
        JsonObject token = data.getValue("token") instanceof JsonObject object ? object : new JsonObject();
        String piece = token.getString("text", "");
        if (!Boolean.TRUE.equals(token.getValue("special")) && !piece.isEmpty()) {
            if (text.length() < MAX_TEXT_CHARS) {
                text.append(piece);
            }
            out.accept(chunks.delta(new JsonObject().put("content", piece), null));
        }
        if (data.getValue("details") instanceof JsonObject details || data.getValue("generated_text") != null) {
            finished = true;
            JsonObject fields = data.getValue("details") instanceof JsonObject given ? given : new JsonObject();
            String reason = "length".equals(fields.getString("finish_reason")) ? "length" : "stop";
            out.accept(chunks.delta(new JsonObject(), reason));
        }
    }

    @Override
    public void onEnd(Consumer<Buffer> out) {
        if (failure != null) {
            return;
        }
        if (!finished) {
            out.accept(chunks.delta(new JsonObject(), "stop")); // TGI versions that send no final event
        }
        out.accept(SseFrames.done());
    }

    @Override
    public Usage usage() {
        return Usage.NONE;
    }

    @Override
    public String streamedText() {
        return text.toString();
    }

    @Override
    public Optional<GatewayException> failure() {
        return Optional.ofNullable(failure);
    }

    /** The stream writes the failure as its one error event, redacted; nothing is emitted after it. */
    private void fail(GatewayException error) {
        failure = error;
    }
}
