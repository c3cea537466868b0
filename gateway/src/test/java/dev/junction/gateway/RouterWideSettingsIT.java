package dev.junction.gateway;

import static dev.junction.gateway.E2eClient.content;
import static dev.junction.gateway.E2eClient.error;
import static dev.junction.gateway.E2eClient.header;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.testkit.Answer;
import dev.junction.testkit.OpenAiWire;
import dev.junction.testkit.RecordedRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Router-wide settings, each of which changes every group: {@code allowed_fails} (LiteLLM's legacy cooldown
 * rule), {@code cooldown_time}, {@code retry_after} (the minimum back-off), {@code timeout} and {@code
 * stream_timeout}.
 */
class RouterWideSettingsIT {
    private static GatewayHarness gateway;
    private static E2eClient client;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayHarness.start("/e2e/router-wide.yaml");
        client = new E2eClient(gateway, "sk-master-router-wide");
        gateway.upstream.on("/warmup/v1/chat/completions").replyAlways(OpenAiWire.ok("warm"));
        client.warmUp("warmup");
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @BeforeEach
    void resetUpstream() {
        gateway.upstream.reset();
    }

    private static List<RecordedRequest> requests(String path) {
        return gateway.upstream.requests(path);
    }

    @Test
    void with_allowed_fails_1_a_deployment_is_cooled_after_its_second_failure_for_the_router_cooldown_time()
            throws Exception {
        String path = "/fails-twice/v1/chat/completions";
        gateway.upstream
                .on(path)
                .reply(OpenAiWire.serverError(), OpenAiWire.serverError())
                .replyAlways(OpenAiWire.ok("recovered"));

        HttpResponse<String> firstFailure = client.chat("fails-twice");
        HttpResponse<String> secondFailure = client.chat("fails-twice");
        HttpResponse<String> cooling = client.chat("fails-twice");
        Thread.sleep(2200);
        HttpResponse<String> recovered = client.chat("fails-twice");

        assertThat(firstFailure.statusCode()).isEqualTo(500);
        assertThat(secondFailure.statusCode()).as("one failure is allowed").isEqualTo(500);
        assertThat(cooling.statusCode()).isEqualTo(429);
        assertThat(error(cooling).getString("message")).contains("No deployments available");
        assertThat(Long.parseLong(header(cooling, "retry-after"))).isBetween(1L, 2L);
        assertThat(recovered.statusCode()).as("cooldown_time: 2 has passed").isEqualTo(200);
        assertThat(content(recovered)).isEqualTo("recovered");
        assertThat(requests(path)).hasSize(3);
    }

    @Test
    void retry_after_is_the_minimum_back_off_between_retries() throws Exception {
        String path = "/minimum-backoff/v1/chat/completions";
        gateway.upstream.on(path).reply(OpenAiWire.serverError()).replyAlways(OpenAiWire.ok("after the minimum"));

        HttpResponse<String> response = client.chat("minimum-backoff");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "x-litellm-attempted-retries")).isEqualTo("1");
        assertThat(E2eClient.gap(requests(path).get(0), requests(path).get(1)))
                .as("the computed back-off of a first retry is at most 0.5 s")
                .isBetween(Duration.ofMillis(1450), Duration.ofSeconds(10));
    }

    @Test
    void the_router_timeout_applies_to_deployments_without_their_own() throws Exception {
        String path = "/no-own-timeout/v1/chat/completions";
        gateway.upstream.on(path).replyAlways(Answer.hang());

        long started = System.nanoTime();
        HttpResponse<String> response = client.chat("no-own-timeout");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.statusCode()).isEqualTo(408);
        assertThat(error(response).getString("message")).contains("litellm.Timeout");
        assertThat(took).isBetween(Duration.ofMillis(2900), Duration.ofSeconds(15));
        E2eClient.awaitCancellation(gateway, path, Duration.ofSeconds(5));
    }

    @Test
    void the_router_stream_timeout_applies_to_streams_instead_of_the_router_timeout() throws Exception {
        String path = "/no-own-stream-timeout/v1/chat/completions";
        gateway.upstream.on(path).replyAlways(Answer.hang());

        long started = System.nanoTime();
        HttpResponse<String> response = client.stream("no-own-stream-timeout");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.statusCode()).isEqualTo(408);
        assertThat(took)
                .as("stream_timeout: 0.5, timeout: 3")
                .isBetween(Duration.ofMillis(450), Duration.ofMillis(2500));
        E2eClient.awaitCancellation(gateway, path, Duration.ofSeconds(5));
    }
}
