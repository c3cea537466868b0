package dev.junction.provider.sse;

import static dev.junction.provider.WireFixtures.split;
import static dev.junction.provider.WireFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SseParserTest {

    @Test
    void lf_terminated_events_are_delivered_in_order() {
        assertThat(parse("data: a\n\ndata: b\n\n")).containsExactly(new SseEvent(null, "a"), new SseEvent(null, "b"));
    }

    @Test
    void crlf_line_ends_are_handled() {
        assertThat(parse("event: ping\r\ndata: a\r\n\r\ndata: b\r\n\r\n"))
                .containsExactly(new SseEvent("ping", "a"), new SseEvent(null, "b"));
    }

    @Test
    void bare_cr_line_ends_are_handled() {
        assertThat(parse("data: a\r\rdata: b\r\r")).containsExactly(new SseEvent(null, "a"), new SseEvent(null, "b"));
    }

    @Test
    void a_crlf_split_between_two_buffers_is_one_line_end() {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);

        parser.feed(Buffer.buffer("data: a\r"));
        parser.feed(Buffer.buffer("\ndata: b\r"));
        parser.feed(Buffer.buffer("\n\r"));
        parser.feed(Buffer.buffer("\n"));

        assertThat(events).containsExactly(new SseEvent(null, "a\nb"));
    }

    @Test
    void comment_lines_are_ignored() {
        assertThat(parse(": OPENROUTER PROCESSING\n\n: keep-alive\ndata: a\n: between\n\n"))
                .containsExactly(new SseEvent(null, "a"));
    }

    @Test
    void several_data_lines_join_with_newlines() {
        assertThat(parse("data: {\ndata:   \"a\": 1\ndata: }\n\n"))
                .containsExactly(new SseEvent(null, "{\n  \"a\": 1\n}"));
    }

    @Test
    void only_one_space_after_the_colon_is_stripped_and_none_is_required() {
        assertThat(parse("data:a\n\ndata:  b\n\ndata\n\n"))
                .containsExactly(new SseEvent(null, "a"), new SseEvent(null, " b"), new SseEvent(null, ""));
    }

    @Test
    void the_event_name_belongs_to_its_event_only() {
        assertThat(parse("event: message_start\ndata: 1\n\ndata: 2\n\n"))
                .containsExactly(new SseEvent("message_start", "1"), new SseEvent(null, "2"));
    }

    @Test
    void id_retry_and_unknown_fields_are_ignored_and_an_event_without_data_is_not_delivered() {
        assertThat(parse("id: 7\nretry: 3000\nfoo: bar\n\nevent: ping\n\ndata: a\n\n"))
                .containsExactly(new SseEvent(null, "a"));
    }

    @Test
    void blank_lines_between_events_deliver_nothing() {
        assertThat(parse("\n\n\ndata: a\n\n\n\n")).containsExactly(new SseEvent(null, "a"));
    }

    @Test
    void an_event_without_its_trailing_blank_line_is_delivered_at_end() {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);

        parser.feed(Buffer.buffer("data: a\n\ndata: b"));
        assertThat(events).containsExactly(new SseEvent(null, "a"));

        parser.end();
        assertThat(events).containsExactly(new SseEvent(null, "a"), new SseEvent(null, "b"));
    }

    @Test
    void an_event_ended_by_one_line_end_only_is_delivered_at_end() {
        assertThat(parse("data: a\n")).containsExactly(new SseEvent(null, "a"));
    }

    @Test
    void end_with_nothing_pending_delivers_nothing() {
        assertThat(parse("")).isEmpty();
        assertThat(parse("data: a\n\n")).hasSize(1);
    }

    @Test
    void a_leading_byte_order_mark_is_skipped() {
        assertThat(parse("\uFEFFdata: a\n\n")).containsExactly(new SseEvent(null, "a"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5})
    void multi_byte_characters_split_across_buffers_survive(int chunkSize) {
        String text = "Olá, ça coûte 5€ — 日本語 😀";
        String sse = "data: {\"content\":\"" + text + "\"}\n\nevent: é\ndata: ü\n\n";

        List<SseEvent> events = parse(sse, chunkSize);

        assertThat(events)
                .containsExactly(new SseEvent(null, "{\"content\":\"" + text + "\"}"), new SseEvent("é", "ü"));
    }

    @Test
    void every_split_point_of_a_four_byte_character_is_survived() {
        byte[] bytes = "data: 😀\n\n".getBytes(StandardCharsets.UTF_8);
        for (int cut = 1; cut < bytes.length; cut++) {
            List<SseEvent> events = new ArrayList<>();
            SseParser parser = new SseParser(events::add);

            parser.feed(Buffer.buffer().appendBytes(bytes, 0, cut));
            parser.feed(Buffer.buffer().appendBytes(bytes, cut, bytes.length - cut));

            assertThat(events).as("cut at %d", cut).containsExactly(new SseEvent(null, "😀"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 64, 1 << 20})
    void a_recorded_stream_parses_the_same_whatever_the_chunking(int chunkSize) {
        String sse = text("openai/stream-include-usage.response.sse");

        List<SseEvent> events = parse(sse, chunkSize);

        assertThat(events).hasSize(6);
        assertThat(events.get(1).data()).contains("\"content\":\"Olá\"");
        assertThat(events.get(5)).isEqualTo(new SseEvent(null, "[DONE]"));
        assertThat(events).isEqualTo(parse(sse, 1 << 20));
    }

    private static List<SseEvent> parse(String sse) {
        return parse(sse, Integer.MAX_VALUE);
    }

    private static List<SseEvent> parse(String sse, int chunkSize) {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);
        split(sse, chunkSize).forEach(parser::feed);
        parser.end();
        return events;
    }
}
