package dev.junction.provider.sagemaker;

import dev.junction.provider.StreamDecoder;
import dev.junction.provider.aws.AwsEventStreamDecoder;
import dev.junction.provider.sse.SseEvent;
import dev.junction.provider.sse.SseParser;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/**
 * InvokeEndpointWithResponseStream's body: AWS event-stream frames whose {@code PayloadPart} events carry the
 * container's own response bytes, cut anywhere. For TGI those bytes are a Server-Sent Events stream, so the
 * parts are joined back into one SSE stream and parsed as such; exceptions pass through as {@link
 * AwsEventStreamDecoder#EXCEPTION} events.
 */
final class PayloadPartDecoder implements StreamDecoder {
    private final SseParser sse;
    private final Consumer<SseEvent> events;
    private final AwsEventStreamDecoder frames;

    PayloadPartDecoder(Consumer<SseEvent> events) {
        this.events = events;
        this.sse = new SseParser(events);
        this.frames = new AwsEventStreamDecoder(new AwsEventStreamDecoder.FrameSink() {
            @Override
            public void event(String eventType, byte[] payload) {
                if ("PayloadPart".equals(eventType)) {
                    sse.feed(Buffer.buffer(payload));
                }
            }

            @Override
            public void exception(JsonObject exception) {
                sse.end();
                PayloadPartDecoder.this.events.accept(
                        new SseEvent(AwsEventStreamDecoder.EXCEPTION, exception.encode()));
            }
        });
    }

    @Override
    public void feed(Buffer bytes) {
        frames.feed(bytes);
    }

    @Override
    public void end() {
        sse.end();
    }
}
