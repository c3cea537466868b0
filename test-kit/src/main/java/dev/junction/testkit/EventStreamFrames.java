package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Encodes AWS event-stream frames ({@code application/vnd.amazon.eventstream}) as Bedrock and SageMaker stream
 * them, written here from AWS's description of the format rather than with the SDK that Junction decodes them
 * with, so that the two check each other:
 *
 * <pre>
 * total length (4) | headers length (4) | prelude CRC32 (4) | headers | payload | message CRC32 (4)
 * header: name length (1) | name | value type (1, 7 = string) | value length (2) | value
 * </pre>
 */
public final class EventStreamFrames {
    private static final int PRELUDE = 12;
    private static final byte STRING = 7;

    private EventStreamFrames() {}

    /** An {@code event} frame with a JSON payload, e.g. Bedrock's {@code contentBlockDelta}. */
    public static Buffer event(String eventType, JsonObject payload) {
        return event(eventType, payload.encode().getBytes(StandardCharsets.UTF_8));
    }

    public static Buffer event(String eventType, byte[] payload) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":event-type", eventType);
        headers.put(":content-type", "application/json");
        headers.put(":message-type", "event");
        return frame(headers, payload);
    }

    /** An {@code exception} frame, e.g. {@code throttlingException} in the middle of a stream. */
    public static Buffer exception(String exceptionType, String message) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":exception-type", exceptionType);
        headers.put(":content-type", "application/json");
        headers.put(":message-type", "exception");
        byte[] payload = new JsonObject().put("message", message).encode().getBytes(StandardCharsets.UTF_8);
        return frame(headers, payload);
    }

    public static Buffer frame(Map<String, String> headers, byte[] payload) {
        Buffer encodedHeaders = Buffer.buffer();
        headers.forEach((name, value) -> {
            byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
            byte[] valueBytes = value.getBytes(StandardCharsets.UTF_8);
            encodedHeaders
                    .appendByte((byte) nameBytes.length)
                    .appendBytes(nameBytes)
                    .appendByte(STRING)
                    .appendShort((short) valueBytes.length)
                    .appendBytes(valueBytes);
        });
        int total = PRELUDE + encodedHeaders.length() + payload.length + 4;
        Buffer frame = Buffer.buffer(total).appendInt(total).appendInt(encodedHeaders.length());
        frame.appendInt((int) crc(frame.getBytes()));
        frame.appendBuffer(encodedHeaders).appendBytes(payload);
        frame.appendInt((int) crc(frame.getBytes()));
        return frame;
    }

    /** The frame with one bit of its last byte flipped: the message CRC no longer matches. */
    public static Buffer withCorruptedCrc(Buffer frame) {
        Buffer copy = frame.copy();
        int last = copy.length() - 1;
        copy.setByte(last, (byte) (copy.getByte(last) ^ 0x01));
        return copy;
    }

    private static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }
}
