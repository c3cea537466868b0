package dev.junction.provider.sagemaker;

import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.StreamTranslator;
import dev.junction.provider.aws.AwsEventStreamDecoder;
import dev.junction.provider.openai.OpenAiErrorClassifier;
import dev.junction.provider.openai.OpenAiStreamTranslator;
import dev.junction.provider.sse.SseEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A {@code sagemaker_chat/} stream: the container (TGI's Messages API) streams OpenAI chunks, passed on by the
 * OpenAI translator. SageMaker's own exception frames, and error events the container writes, end the stream
 * as its {@link #failure()}; the stream tells the client, once.
 */
final class ChatStreamTranslator implements StreamTranslator {
    private final OpenAiStreamTranslator chunks;
    private GatewayException failure;

    ChatStreamTranslator(boolean keepText) {
        this.chunks = new OpenAiStreamTranslator(keepText, new OpenAiErrorClassifier(SageMakerErrors.LABEL));
    }

    @Override
    public void onEvent(SseEvent event, Consumer<Buffer> out) {
        if (failure != null) {
            return;
        }
        if (AwsEventStreamDecoder.EXCEPTION.equals(event.event())) {
            failure = SageMakerErrors.fromStreamException(new JsonObject(event.data()));
            return;
        }
        chunks.onEvent(event, out);
    }

    @Override
    public void onEnd(Consumer<Buffer> out) {
        if (failure == null) {
            chunks.onEnd(out);
        }
    }

    @Override
    public Usage usage() {
        return chunks.usage();
    }

    @Override
    public String streamedText() {
        return chunks.streamedText();
    }

    @Override
    public Optional<GatewayException> failure() {
        return Optional.ofNullable(failure).or(chunks::failure);
    }

    @Override
    public int droppedChunks() {
        return chunks.droppedChunks();
    }
}
