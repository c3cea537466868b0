package dev.junction.provider.sse;

import dev.junction.provider.StreamDecoder;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits an SSE byte stream into events as bytes arrive, whatever the chunking: a line or an event may
 * span any number of network buffers. Handles LF, CR and CRLF line ends. Lines are decoded whole, so a
 * multi-byte character split across buffers is never cut. One instance per stream.
 */
public final class SseParser implements StreamDecoder {
    private final Consumer<SseEvent> sink;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private StringBuilder data;
    private String event;
    private boolean lastWasCr;
    private boolean firstLine = true;

    public SseParser(Consumer<SseEvent> sink) {
        this.sink = sink;
    }

    @Override
    public void feed(Buffer chunk) {
        byte[] bytes = chunk.getBytes();
        for (byte b : bytes) {
            if (b == '\n' && lastWasCr) {
                lastWasCr = false;
                continue;
            }
            lastWasCr = b == '\r';
            if (b == '\n' || b == '\r') {
                endLine();
            } else {
                line.write(b);
            }
        }
    }

    /** The upstream ended: an event not yet closed by a blank line is still delivered. */
    @Override
    public void end() {
        if (line.size() > 0) {
            endLine();
        }
        dispatch();
    }

    private void endLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (firstLine) {
            // The SSE specification has a byte order mark at the start of the stream ignored.
            firstLine = false;
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
        }
        if (text.isEmpty()) {
            dispatch();
            return;
        }
        if (text.startsWith(":")) {
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "data" -> appendData(value);
            case "event" -> event = value;
            default -> {
                // id and retry are meaningless for a proxied completion stream
            }
        }
    }

    private void appendData(String value) {
        if (data == null) {
            data = new StringBuilder(value);
        } else {
            data.append('\n').append(value);
        }
    }

    private void dispatch() {
        if (data != null) {
            sink.accept(new SseEvent(event, data.toString()));
        }
        data = null;
        event = null;
    }
}
