package dev.junction.testkit;

import static dev.junction.testkit.TestClient.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class FakeUpstreamStreamingTest {
    private static final List<String> FRAMES = List.of("data: {\"n\":1}\n\n", "data: {\"n\":2}\n\n", Sse.DONE);

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

    @Test
    void streams_frames_verbatim_as_separate_chunks_with_the_gap_between_them() {
        upstream.on("/s").reply(Answer.sse(FRAMES, Duration.ofMillis(100)));

        long start = System.nanoTime();
        TestClient.Streamed streamed = await(client.stream("/s", 0));
        await(streamed.end());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(streamed.response().getHeader("content-type")).isEqualTo("text/event-stream");
        assertThat(streamed.response().getHeader("transfer-encoding")).isEqualTo("chunked");
        assertThat(streamed.chunks()).containsExactlyElementsOf(FRAMES);
        assertThat(upstream.cancelledResponses()).isZero();
    }

    @Test
    void sse_then_drop_fails_the_response_after_the_frames_without_counting_a_cancellation() {
        upstream.on("/s").reply(Answer.sseThenDrop(FRAMES.subList(0, 2), Duration.ZERO));

        TestClient.Streamed streamed = await(client.stream("/s", 0));

        assertThat(awaitFailure(streamed.end())).isNotNull();
        assertThat(String.join("", streamed.chunks())).isEqualTo(String.join("", FRAMES.subList(0, 2)));
        assertThat(upstream.cancelledResponses()).isZero();
    }

    @Test
    void drop_closes_the_connection_before_any_status() {
        upstream.on("/s").reply(Answer.drop());

        assertThat(awaitFailure(client.open("/s", 0))).isNotNull();
        assertThat(upstream.requests()).hasSize(1);
        assertThat(upstream.cancelledResponses()).isZero();
    }

    @Test
    void notices_within_a_second_when_the_client_closes_a_slow_stream() throws Exception {
        upstream.on("/s")
                .reply(Answer.slowStream(List.of("data: {\"first\":true}\n\n"), "data: {}\n\n", Duration.ofMillis(50)));

        TestClient.Streamed streamed = await(client.stream("/s", 0));
        awaitFrames(streamed, 3);
        streamed.response().request().reset();

        RecordedRequest cancelled = upstream.nextCancellation().await(1, TimeUnit.SECONDS);
        assertThat(cancelled.path()).isEqualTo("/s");
        assertThat(upstream.cancelledResponses()).isEqualTo(1);
        assertThat(streamed.chunks().get(0)).isEqualTo("data: {\"first\":true}\n\n");
    }

    @Test
    void openai_slow_stream_opens_with_a_role_chunk_and_repeats_content_until_cancelled() throws Exception {
        upstream.on(OpenAiWire.CHAT_PATH)
                .reply(OpenAiWire.chat("gpt-4o").content("tick").slowStream(Duration.ofMillis(20)));

        TestClient.Streamed streamed = await(client.stream(OpenAiWire.CHAT_PATH, 0));
        List<String> frames = awaitFrames(streamed, 4);
        streamed.response().request().reset();

        assertThat(delta(frames.get(0)).getString("role")).isEqualTo("assistant");
        assertThat(frames.subList(1, 4))
                .allSatisfy(f -> assertThat(delta(f).getString("content")).isEqualTo("tick"));
        assertThat(upstream.nextCancellation().await(1, TimeUnit.SECONDS).path())
                .isEqualTo(OpenAiWire.CHAT_PATH);
    }

    @Test
    void anthropic_slow_stream_opens_a_text_block_and_repeats_deltas_until_cancelled() throws Exception {
        upstream.on(AnthropicWire.MESSAGES_PATH)
                .reply(AnthropicWire.message("claude").text("tock").slowStream(Duration.ofMillis(20)));

        TestClient.Streamed streamed = await(client.stream(AnthropicWire.MESSAGES_PATH, 0));
        List<String> frames = awaitFrames(streamed, 5);
        streamed.response().request().reset();

        assertThat(frames.stream().map(SseFrames::event))
                .containsExactly(
                        "message_start", "content_block_start", "ping", "content_block_delta", "content_block_delta");
        assertThat(SseFrames.data(frames.get(4)).getJsonObject("delta").getString("text"))
                .isEqualTo("tock");
        assertThat(upstream.nextCancellation().await(1, TimeUnit.SECONDS).path())
                .isEqualTo(AnthropicWire.MESSAGES_PATH);
    }

    @Test
    void hang_never_answers_and_the_client_giving_up_counts_as_a_cancellation() throws Exception {
        upstream.on("/h").reply(Answer.hang());

        Throwable failure = awaitFailure(client.open("/h", 300));

        assertThat(failure).isInstanceOf(java.util.concurrent.TimeoutException.class);
        assertThat(upstream.nextCancellation().await(1, TimeUnit.SECONDS).path())
                .isEqualTo("/h");
    }

    @Test
    void sse_then_hang_stalls_after_the_frames_until_the_client_gives_up() throws Exception {
        upstream.on("/s").reply(Answer.sseThenHang(FRAMES.subList(0, 1), Duration.ZERO));

        TestClient.Streamed streamed = await(client.stream("/s", 0));
        Thread.sleep(300);

        assertThat(streamed.end().isComplete()).isFalse();
        assertThat(streamed.chunks()).containsExactly(FRAMES.get(0));
        streamed.response().request().reset();
        assertThat(upstream.nextCancellation().await(1, TimeUnit.SECONDS).path())
                .isEqualTo("/s");
    }

    @Test
    void close_ends_hung_connections_without_counting_them_as_cancellations() {
        upstream.on("/h").reply(Answer.hang());
        Future<HttpClientResponse> pending = client.open("/h", 0);
        await(upstream.nextRequest());

        await(upstream.close());

        assertThat(awaitFailure(pending)).isNotNull();
        assertThat(upstream.cancelledResponses()).isZero();
    }

    /** The first {@code n} frames of a stream; each chunk the fake writes is one frame. */
    private static List<String> awaitFrames(TestClient.Streamed streamed, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (streamed.chunks().size() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(streamed.chunks()).hasSizeGreaterThanOrEqualTo(n);
        return List.copyOf(streamed.chunks().subList(0, n));
    }

    private static JsonObject delta(String frame) {
        return SseFrames.data(frame).getJsonArray("choices").getJsonObject(0).getJsonObject("delta");
    }

    private static Throwable awaitFailure(Future<?> future) {
        try {
            future.await(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // await rethrows the failure itself, which may be a timeout of the client: judge by the future.
        }
        assertThat(future.isComplete())
                .as("neither success nor failure within 5 s")
                .isTrue();
        assertThat(future.failed())
                .as("expected a failure, got %s", future.result())
                .isTrue();
        return future.cause();
    }
}
