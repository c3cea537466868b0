package dev.junction.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.provider.sse.SseEvent;
import dev.junction.testkit.EventStreamFrames;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AwsEventStreamDecoderTest {
    private final List<SseEvent> events = new ArrayList<>();
    private final AwsEventStreamDecoder decoder = AwsEventStreamDecoder.jsonEvents(events::add);

    private static Buffer twoFrames() {
        return Buffer.buffer()
                .appendBuffer(EventStreamFrames.event("messageStart", new JsonObject().put("role", "assistant")))
                .appendBuffer(EventStreamFrames.event(
                        "contentBlockDelta", new JsonObject().put("delta", new JsonObject().put("text", "héllo"))));
    }

    @Test
    void frames_split_at_every_byte_boundary_decode_to_the_same_events() {
        Buffer bytes = twoFrames();
        for (int cut = 1; cut < bytes.length(); cut++) {
            events.clear();
            AwsEventStreamDecoder split = AwsEventStreamDecoder.jsonEvents(events::add);
            split.feed(bytes.getBuffer(0, cut));
            split.feed(bytes.getBuffer(cut, bytes.length()));
            assertThat(events).as("cut at %d", cut).hasSize(2);
            assertThat(events.get(1).event()).isEqualTo("contentBlockDelta");
            assertThat(new JsonObject(events.get(1).data())
                            .getJsonObject("delta")
                            .getString("text"))
                    .isEqualTo("héllo");
        }
    }

    @Test
    void a_corrupted_message_crc_becomes_one_exception_event_and_nothing_after_it_is_read() {
        Buffer good = EventStreamFrames.event("messageStart", new JsonObject().put("role", "assistant"));
        Buffer corrupted = EventStreamFrames.withCorruptedCrc(
                EventStreamFrames.event("contentBlockDelta", new JsonObject().put("x", 1)));

        decoder.feed(good);
        decoder.feed(corrupted);
        decoder.feed(good);

        assertThat(events).extracting(SseEvent::event).containsExactly("messageStart", AwsEventStreamDecoder.EXCEPTION);
        assertThat(new JsonObject(events.get(1).data()).getString("exceptionType"))
                .isEqualTo(AwsEventStreamDecoder.CORRUPT_FRAME);
    }

    @Test
    void a_corrupted_prelude_crc_is_detected_before_the_frame_length_is_trusted() {
        Buffer frame = EventStreamFrames.event("messageStart", new JsonObject());
        frame.setByte(9, (byte) (frame.getByte(9) ^ 0x10)); // inside the prelude CRC

        decoder.feed(frame);

        assertThat(events).extracting(SseEvent::event).containsExactly(AwsEventStreamDecoder.EXCEPTION);
    }

    @Test
    void an_exception_frame_carries_its_type_and_message() {
        decoder.feed(EventStreamFrames.exception("validationException", "Input is too long for requested model."));

        JsonObject exception = new JsonObject(events.get(0).data());
        assertThat(events.get(0).event()).isEqualTo(AwsEventStreamDecoder.EXCEPTION);
        assertThat(exception.getString("exceptionType")).isEqualTo("validationException");
        assertThat(exception.getString("message")).isEqualTo("Input is too long for requested model.");
    }
}
