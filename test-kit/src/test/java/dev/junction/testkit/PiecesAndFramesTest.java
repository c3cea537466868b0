package dev.junction.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PiecesAndFramesTest {
    @Test
    void pieces_concatenate_back_to_the_text_and_never_split_surrogate_pairs() {
        String text = "Bonjour 👋 le monde";

        for (int n = 1; n <= 25; n++) {
            assertThat(String.join("", Pieces.split(text, n))).isEqualTo(text);
            assertThat(Pieces.split(text, n))
                    .hasSize(Math.min(n, (int) text.codePoints().count()))
                    .allSatisfy(piece -> assertThat(Character.isLowSurrogate(piece.charAt(0)))
                            .isFalse());
        }
        assertThat(Pieces.split("", 3)).isEmpty();
    }

    @Test
    void frames_split_a_recorded_stream_at_blank_lines_and_round_trip() {
        String text = Fixtures.text("anthropic/messages-stream.sse");

        assertThat(Fixtures.sseEvents("anthropic/messages-stream.sse")).hasSize(9);
        assertThat(String.join("", Sse.frames(text))).isEqualTo(text);
        assertThat(Sse.frames("data: a\r\n\r\ndata: b\n\n")).containsExactly("data: a\n\n", "data: b\n\n");
    }
}
