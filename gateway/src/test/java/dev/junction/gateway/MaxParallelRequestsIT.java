package dev.junction.gateway;

import static dev.junction.gateway.E2eClient.chatBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.testkit.Answer;
import dev.junction.testkit.OpenAiWire;
import dev.junction.testkit.RecordedRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code max_parallel_requests} on a deployment and {@code router_settings.default_max_parallel_requests}:
 * calls beyond the limit are not refused, they wait for a slot, for at most their timeout.
 */
class MaxParallelRequestsIT {
    private static final Duration UPSTREAM_DELAY = Duration.ofMillis(800);

    private static GatewayHarness gateway;
    private static E2eClient client;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayHarness.start("/e2e/max-parallel.yaml");
        client = new E2eClient(gateway, "sk-master-parallel");
        gateway.upstream
                .on("/warmup/v1/chat/completions")
                .replyAlways(OpenAiWire.chat("gpt-4o").answer());
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

    private static Answer slowOk() {
        return Answer.delayed(UPSTREAM_DELAY, OpenAiWire.chat("gpt-4o").answer());
    }

    /** Sends {@code count} calls at once and waits for all of them. */
    private static List<HttpResponse<String>> concurrently(String model, int count) throws Exception {
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            calls.add(client.chatAsync(chatBody(model)));
        }
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            responses.add(call.get(30, TimeUnit.SECONDS));
        }
        return responses;
    }

    /** Each upstream request arrived only after the previous one had been answered. */
    private static void assertOneAtATime(List<RecordedRequest> requests) {
        for (int i = 1; i < requests.size(); i++) {
            assertThat(E2eClient.gap(requests.get(i - 1), requests.get(i)))
                    .as("request %d started before request %d was answered", i, i - 1)
                    .isGreaterThanOrEqualTo(UPSTREAM_DELAY.minusMillis(50));
        }
    }

    @Test
    void calls_beyond_max_parallel_requests_wait_for_a_free_slot_and_all_succeed() throws Exception {
        gateway.upstream.on("/one-at-a-time/v1/chat/completions").replyAlways(slowOk());

        List<HttpResponse<String>> responses = concurrently("one-at-a-time", 3);

        assertThat(responses)
                .allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(200));
        List<RecordedRequest> requests = gateway.upstream.requests("/one-at-a-time/v1/chat/completions");
        assertThat(requests).hasSize(3);
        assertOneAtATime(requests);
    }

    @Test
    void default_max_parallel_requests_limits_deployments_without_their_own() throws Exception {
        gateway.upstream.on("/router-default/v1/chat/completions").replyAlways(slowOk());

        List<HttpResponse<String>> responses = concurrently("router-default", 2);

        assertThat(responses)
                .allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(200));
        assertOneAtATime(gateway.upstream.requests("/router-default/v1/chat/completions"));
    }

    @Test
    void a_call_that_waits_for_a_slot_longer_than_its_timeout_gets_a_408() throws Exception {
        gateway.upstream
                .on("/impatient/v1/chat/completions")
                .replyAlways(Answer.delayed(
                        Duration.ofSeconds(4), OpenAiWire.chat("gpt-4o").answer()));
        CompletableFuture<HttpResponse<String>> holder = client.chatAsync(chatBody("impatient"));
        E2eClient.awaitRequests(gateway, "/impatient/v1/chat/completions", 1, Duration.ofSeconds(10));

        long started = System.nanoTime();
        HttpResponse<String> waited = client.chat(chatBody("impatient").put("timeout", 1));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(waited.statusCode()).isEqualTo(408);
        assertThat(took).isLessThan(Duration.ofSeconds(3));
        assertThat(holder.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(gateway.upstream.requests("/impatient/v1/chat/completions"))
                .as("the waiting call never reached the upstream")
                .hasSize(1);
    }
}
