package dev.junction.provider.aws;

import dev.junction.provider.StreamDecoder;
import dev.junction.provider.sse.SseEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;
import software.amazon.awssdk.eventstream.MessageDecoder;

/**
 * Cuts AWS's binary event-stream framing ({@code application/vnd.amazon.eventstream}) into events, with the AWS
 * SDK's decoder, which checks each frame's prelude CRC and message CRC. An {@code event} frame becomes an {@link
 * SseEvent} named by its {@code :event-type} with the payload as data, so the stream translators read it like an
 * SSE event.
 *
 * <p>An {@code exception} or {@code error} frame, and a frame that fails its checksum, become one event named
 * {@link #EXCEPTION} whose data is a JSON object with {@code exceptionType} and {@code message}: the translator
 * ends the stream with an error. A corrupted stream cannot be re-synchronised, so nothing after it is read.
 */
public final class AwsEventStreamDecoder implements StreamDecoder {
    /** The name of the event that reports an exception frame or a corrupted stream. */
    public static final String EXCEPTION = "exception";
    /** The {@code exceptionType} of a frame that failed its checksum or length checks. */
    public static final String CORRUPT_FRAME = "corruptFrame";

    private final FrameSink sink;
    private final MessageDecoder decoder = new MessageDecoder(this::onMessage);
    private boolean broken;

    /** Where decoded frames go: an event's type and payload, or an exception already read into JSON. */
    public interface FrameSink {
        void event(String eventType, byte[] payload);

        void exception(JsonObject exception);
    }

    public AwsEventStreamDecoder(FrameSink sink) {
        this.sink = sink;
    }

    /** For events whose payload is JSON text (Bedrock): each event as an {@link SseEvent}. */
    public static AwsEventStreamDecoder jsonEvents(Consumer<SseEvent> events) {
        return new AwsEventStreamDecoder(new FrameSink() {
            @Override
            public void event(String eventType, byte[] payload) {
                events.accept(new SseEvent(eventType, new String(payload, StandardCharsets.UTF_8)));
            }

            @Override
            public void exception(JsonObject exception) {
                events.accept(new SseEvent(EXCEPTION, exception.encode()));
            }
        });
    }

    @Override
    public void feed(Buffer bytes) {
        if (broken) {
            return;
        }
        try {
            decoder.feed(bytes.getBytes());
        } catch (RuntimeException corrupt) {
            // The SDK throws on a prelude or message CRC mismatch and on impossible lengths.
            broken = true;
            sink.exception(new JsonObject()
                    .put("exceptionType", CORRUPT_FRAME)
                    .put("message", "the event stream is corrupted (" + corrupt.getMessage() + ")"));
        }
    }

    @Override
    public void end() {
        // A frame cut short by the end of the body is simply never delivered; the translator then sees a stream
        // that ended before its last event, and reports that.
    }

    private void onMessage(Message message) {
        String messageType = header(message, ":message-type", "event");
        switch (messageType) {
            case "event" -> sink.event(header(message, ":event-type", ""), message.getPayload());
            case "exception" -> sink.exception(
                    payloadJson(message).put("exceptionType", header(message, ":exception-type", "exception")));
            default -> sink.exception(new JsonObject()
                    .put("exceptionType", header(message, ":error-code", "error"))
                    .put("message", header(message, ":error-message", "")));
        }
    }

    private static JsonObject payloadJson(Message message) {
        try {
            return new JsonObject(new String(message.getPayload(), StandardCharsets.UTF_8));
        } catch (DecodeException | ClassCastException notJson) {
            return new JsonObject().put("message", new String(message.getPayload(), StandardCharsets.UTF_8));
        }
    }

    private static String header(Message message, String name, String fallback) {
        HeaderValue value = message.getHeaders().get(name);
        return value == null ? fallback : value.getString();
    }
}
