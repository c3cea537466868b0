package dev.junction.gateway;

import static dev.junction.gateway.E2eClient.chatBody;
import static dev.junction.gateway.E2eClient.error;
import static dev.junction.gateway.E2eClient.header;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.testkit.Answer;
import dev.junction.testkit.OpenAiWire;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a client may hold of a node: connections that never finish their head, bodies that stop arriving, idle
 * keep-alives (all closed after their timeout, scaled down to seconds in this config), and the bytes of
 * request bodies held at once (beyond the budget, a 503 at once). A call that is busy, however long, is never
 * cut.
 */
class ClientLimitsIT {
    private static final String KEY = "sk-master-limits";
    private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(1);
    /** Far above every timeout of the config: a connection still open then was never going to be closed. */
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private static GatewayHarness gateway;
    private static E2eClient client;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayHarness.start("/e2e/client-limits.yaml");
        client = new E2eClient(gateway, KEY);
        client.warmUp("canned");
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @BeforeEach
    void resetUpstream() {
        gateway.upstream.reset();
    }

    @Test
    void a_connection_that_stops_mid_head_is_closed_after_client_header_timeout() throws Exception {
        try (RawConnection connection = RawConnection.open(gateway.node.port())) {
            connection.send("GET /health/liveliness HTTP/1.1\r\nHost: junction\r\n");

            RawConnection.Ending ending = connection.readUntilClosed(PATIENCE);

            assertThat(ending.closed()).isTrue();
            assertThat(ending.received()).isEmpty();
            assertThat(ending.after()).isGreaterThanOrEqualTo(HEADER_TIMEOUT.minusMillis(100));
            System.out.println("slow-header connection closed after "
                    + ending.after().toMillis() + " ms (client_header_timeout " + HEADER_TIMEOUT.toMillis() + " ms)");
        }
    }

    @Test
    void a_connection_that_sends_nothing_is_closed_after_client_header_timeout() throws Exception {
        try (RawConnection connection = RawConnection.open(gateway.node.port())) {
            RawConnection.Ending ending = connection.readUntilClosed(PATIENCE);

            assertThat(ending.closed()).isTrue();
            assertThat(ending.received()).isEmpty();
        }
    }

    @Test
    void tls_like_bytes_without_a_line_end_are_closed_after_client_header_timeout() throws Exception {
        byte[] hello = new byte[200];
        byte[] record = {0x16, 0x03, 0x01, 0x00, (byte) 0xc3, 0x01, 0x00, 0x00, (byte) 0xbf, 0x03, 0x03};
        System.arraycopy(record, 0, hello, 0, record.length);
        for (int i = record.length; i < hello.length; i++) {
            hello[i] = (byte) (0x20 + i % 90); // printable, never a line end: the decoder waits for one
        }
        try (RawConnection connection = RawConnection.open(gateway.node.port())) {
            RawConnection.Ending ending = connection.send(hello).readUntilClosed(PATIENCE);

            assertThat(ending.closed()).isTrue();
        }
    }

    @Test
    void a_body_shorter_than_its_content_length_gets_a_408_then_the_connection_closes() throws Exception {
        try (RawConnection connection = RawConnection.open(gateway.node.port())) {
            connection.send("POST /v1/chat/completions HTTP/1.1\r\nHost: junction\r\nAuthorization: Bearer " + KEY
                    + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"model\":");

            RawConnection.Ending ending = connection.readUntilClosed(PATIENCE);

            assertThat(ending.closed()).isTrue();
            assertThat(ending.received()).startsWith("HTTP/1.1 408");
            JsonObject error = ending.body().getJsonObject("error");
            assertThat(error.getString("type")).isEqualTo("timeout_error");
            assertThat(error.getString("code")).isEqualTo("408");
            assertThat(error.getString("message")).contains("client_body_timeout");
        }
    }

    @Test
    void an_idle_keep_alive_connection_is_closed_after_keepalive_timeout() throws Exception {
        try (RawConnection connection = RawConnection.open(gateway.node.port())) {
            connection.send("GET /health/liveliness HTTP/1.1\r\nHost: junction\r\n\r\n");

            RawConnection.Ending ending = connection.readUntilClosed(PATIENCE);

            assertThat(ending.received()).startsWith("HTTP/1.1 200").contains("I'm alive!");
            assertThat(ending.received()).doesNotContainIgnoringCase("connection: close");
            assertThat(ending.closed()).isTrue();
        }
    }

    @Test
    void a_call_that_waits_longer_than_every_timeout_is_not_cut() throws Exception {
        gateway.upstream
                .on("/slow/v1/chat/completions")
                .reply(Answer.delayed(
                        Duration.ofSeconds(4), OpenAiWire.chat("gpt-4o").answer()));

        HttpResponse<String> response = client.chat(chatBody("slow"));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void a_stream_quiet_between_chunks_for_longer_than_every_timeout_is_not_cut() throws Exception {
        List<String> events = OpenAiWire.chat("gpt-4o").content("one two three").streamEvents(3, false);
        gateway.upstream.on("/slow/v1/chat/completions").reply(Answer.sse(events, Duration.ofMillis(2500)));

        HttpResponse<String> response = client.stream("slow");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(E2eClient.streamedContent(response.body())).isEqualTo("one two three");
        assertThat(E2eClient.sseData(response.body())).last().isEqualTo("[DONE]");
    }

    @Test
    void bodies_beyond_the_node_budget_get_a_503_at_once_and_every_call_is_answered() throws Exception {
        gateway.upstream
                .on("/slow/v1/chat/completions")
                .reply(
                        Answer.delayed(
                                Duration.ofSeconds(3), OpenAiWire.chat("gpt-4o").answer()),
                        OpenAiWire.chat("gpt-4o").answer());
        JsonObject large = chatBody("slow", "x".repeat(700 * 1024));

        CompletableFuture<HttpResponse<String>> holding = client.chatAsync(large);
        gateway.upstream.nextRequest().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        HttpResponse<String> refused = client.chat(large);

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(header(refused, "retry-after")).isEqualTo("1");
        assertThat(error(refused).getString("type")).isEqualTo("service_unavailable_error");
        assertThat(error(refused).getString("message")).contains("max_buffered_request_mb");
        assertThat(holding.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        // The first body's share was given back when its answer ended.
        assertThat(client.chat(large).statusCode()).isEqualTo(200);
    }

    @Test
    void a_body_larger_than_the_whole_budget_is_a_413_even_when_sent_chunked() throws Exception {
        String larger = chatBody("canned", "x".repeat(1200 * 1024)).encode();
        String auth = "Bearer " + KEY;

        HttpResponse<String> declared = gateway.post("/v1/chat/completions", larger, "authorization", auth);
        HttpResponse<String> chunked =
                gateway.postChunked("/v1/chat/completions", larger, false, "authorization", auth);

        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(error(declared).getString("message")).contains("max_buffered_request_mb");
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(client.chat(chatBody("canned")).statusCode()).isEqualTo(200);
    }
}
