package dev.junction.provider.sse;

import dev.junction.provider.StreamDecoder;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits a newline-delimited JSON stream (Ollama's) into one event per line, whatever the network chunking:
 * each non-blank line is delivered as an {@link SseEvent} without a name, so stream translators read it as
 * they read an SSE {@code data:} payload. Lines are decoded whole, so a multi-byte character split across
 * buffers is never cut; LF and CRLF both end a line. One instance per stream.
 */
public final class NdjsonDecoder implements StreamDecoder {
    private final Consumer<SseEvent> sink;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    public NdjsonDecoder(Consumer<SseEvent> sink) {
        this.sink = sink;
    }

    @Override
    public void feed(Buffer bytes) {
        for (byte b : bytes.getBytes()) {
            if (b == '\n') {
                emit();
            } else {
                line.write(b);
            }
        }
    }

    /** The body ended: a last line without its newline is still delivered. */
    @Override
    public void end() {
        emit();
    }

    private void emit() {
        String text = line.toString(StandardCharsets.UTF_8).strip();
        line.reset();
        if (!text.isEmpty()) {
            sink.accept(new SseEvent(null, text));
        }
    }
}
