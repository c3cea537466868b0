package dev.junction.testkit;

import static dev.junction.testkit.TestClient.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each fault of {@link FaultyStream} as a real client meets it on the wire. */
@ExtendWith(VertxExtension.class)
class FaultyStreamTest {
    private FakeUpstream upstream;
    private TestClient client;

    @BeforeEach
    void start(Vertx vertx) {
        upstream = await(FakeUpstream.start(vertx));
        client = new TestClient(vertx, upstream);
    }

    @AfterEach
    void stop() {
        await(upstream.close());
    }

    /** Role chunk, 3 content chunks, finish chunk, [DONE]. */
    private static FaultyStream fox() {
        return FaultyStream.of(OpenAiWire.chat("gpt-4o").content("The quick fox"), 3);
    }

    private TestClient.Streamed play(FaultyStream stream) {
        upstream.on("/s").reply(stream.answer());
        return await(client.stream("/s", 0));
    }

    @Test
    void a_whole_stream_has_role_content_finish_and_done() {
        TestClient.Streamed streamed = play(fox());
        await(streamed.end());

        assertThat(streamed.chunks()).hasSize(6);
        assertThat(streamed.chunks()).last().isEqualTo(Sse.DONE);
    }

    @Test
    void cut_after_resets_the_connection_after_that_many_frames() {
        TestClient.Streamed streamed = play(fox().cutAfter(2));

        assertThat(failure(streamed.end())).isNotNull();
        assertThat(String.join("", streamed.chunks()))
                .isEqualTo(String.join("", fox().frames().subList(0, 2)));
    }

    @Test
    void stall_after_keeps_the_connection_open_and_silent() throws Exception {
        TestClient.Streamed streamed = play(fox().stallAfter(2));
        Thread.sleep(300);

        assertThat(streamed.end().isComplete()).isFalse();
        assertThat(String.join("", streamed.chunks()))
                .isEqualTo(String.join("", fox().frames().subList(0, 2)));
        streamed.response().request().reset();
    }

    @Test
    void close_after_ends_the_response_cleanly_without_finish_or_done() {
        TestClient.Streamed streamed = play(fox().closeAfter(2));
        await(streamed.end());

        String body = String.join("", streamed.chunks());
        assertThat(body).doesNotContain("finish_reason\":\"stop").doesNotContain("[DONE]");
    }

    @Test
    void without_done_ends_cleanly_after_the_finish_chunk() {
        TestClient.Streamed streamed = play(fox().withoutDone());
        await(streamed.end());

        String body = String.join("", streamed.chunks());
        assertThat(body).contains("\"finish_reason\":\"stop\"").doesNotContain("[DONE]");
    }

    @Test
    void malformed_at_puts_a_data_line_that_is_not_json_before_that_frame() {
        TestClient.Streamed streamed = play(fox().malformedAt(2));
        await(streamed.end());

        List<String> frames = fox().malformedAt(2).frames();
        assertThat(frames.get(2)).isEqualTo(FaultyStream.MALFORMED_FRAME);
        assertThat(String.join("", streamed.chunks())).isEqualTo(String.join("", frames));
    }

    @Test
    void first_chunk_after_sends_the_head_at_once_and_the_first_frame_later() {
        long started = System.nanoTime();
        TestClient.Streamed streamed = play(fox().firstChunkAfter(Duration.ofMillis(700)));
        long headMillis = (System.nanoTime() - started) / 1_000_000;
        await(streamed.end());
        long endMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(streamed.response().statusCode()).isEqualTo(200);
        assertThat(headMillis).isLessThan(700);
        assertThat(endMillis).isGreaterThanOrEqualTo(700);
    }

    private static Throwable failure(Future<?> future) {
        try {
            future.await(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // judged by the future below
        }
        assertThat(future.failed()).as("expected the stream to break").isTrue();
        return future.cause();
    }
}
