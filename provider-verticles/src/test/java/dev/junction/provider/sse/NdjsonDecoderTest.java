package dev.junction.provider.sse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.provider.WireFixtures;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NdjsonDecoderTest {
    private static List<String> decode(String text, int chunkSize) {
        List<String> lines = new ArrayList<>();
        NdjsonDecoder decoder = new NdjsonDecoder(event -> {
            assertThat(event.event()).isNull();
            lines.add(event.data());
        });
        for (Buffer piece : WireFixtures.split(text, chunkSize)) {
            decoder.feed(piece);
        }
        decoder.end();
        return lines;
    }

    @Test
    void each_line_is_one_event_whatever_the_chunking_and_multibyte_characters_survive_splits() {
        String text = "{\"a\":\"é\"}\n{\"b\":\"☀\"}\r\n\n{\"c\":3}";

        for (int size : new int[] {1, 2, 3, 100}) {
            assertThat(decode(text, size)).containsExactly("{\"a\":\"é\"}", "{\"b\":\"☀\"}", "{\"c\":3}");
        }
    }

    @Test
    void blank_lines_carry_nothing() {
        assertThat(decode("\n\n  \n", 1)).isEmpty();
    }
}
