package dev.junction.gateway;

import static dev.junction.gateway.E2eClient.chatBody;
import static dev.junction.gateway.E2eClient.content;
import static dev.junction.gateway.E2eClient.error;
import static dev.junction.gateway.E2eClient.header;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.testkit.Answer;
import dev.junction.testkit.AzureWire;
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
 * Retry budgets and policies, the back-off between retries, and LiteLLM's default cooldown rule (429s cool a
 * deployment only when it has siblings; 401s cool even a lone deployment at once), end to end.
 */
class RetriesAndCooldownsIT {
    private static final Duration ROUTER_COOLDOWN = Duration.ofSeconds(7);

    private static GatewayHarness gateway;
    private static E2eClient client;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayHarness.start("/e2e/retries-cooldowns.yaml");
        client = new E2eClient(gateway, "sk-master-retries");
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

    private static Answer badRequest() {
        return Answer.json(
                400,
                OpenAiWire.errorBody(
                        "Invalid value for 'temperature': must be at most 2.",
                        "invalid_request_error",
                        "temperature",
                        "invalid_value"));
    }

    private static List<RecordedRequest> requests(String path) {
        return gateway.upstream.requests(path);
    }

    @Test
    void a_group_retry_policy_of_zero_rate_limit_retries_returns_the_429_at_once() throws Exception {
        gateway.upstream
                .on("/no-429-retry-first/v1/chat/completions")
                .replyAlways(OpenAiWire.rateLimited(Duration.ofSeconds(1)));
        gateway.upstream.on("/no-429-retry-second/v1/chat/completions").replyAlways(OpenAiWire.ok("second"));

        HttpResponse<String> response = client.chat("rate-limits-not-retried");

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(requests("/no-429-retry-first/v1/chat/completions")).hasSize(1);
        assertThat(requests("/no-429-retry-second/v1/chat/completions"))
                .as("num_retries: 2 would have retried on the healthy sibling")
                .isEmpty();
    }

    @Test
    void a_deployment_max_retries_tries_the_same_deployment_again_before_the_router_sees_a_failure() throws Exception {
        gateway.upstream
                .on("/client-retries/v1/chat/completions")
                .reply(OpenAiWire.serverError(), OpenAiWire.rateLimited(Duration.ZERO))
                .replyAlways(OpenAiWire.ok("third time"));

        HttpResponse<String> response = client.chat("client-retries");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(requests("/client-retries/v1/chat/completions")).hasSize(3);
        assertThat(header(response, "x-litellm-attempted-retries"))
                .as("the router itself retried nothing (num_retries: 0)")
                .isEqualTo("0");
        for (RecordedRequest sent : requests("/client-retries/v1/chat/completions")) {
            assertThat(sent.bodyAsJson().containsKey("max_retries")).isFalse();
        }
    }

    @Test
    void a_deployment_max_retries_gives_up_after_its_count_and_never_retries_a_refused_key() throws Exception {
        gateway.upstream.on("/client-retries-out/v1/chat/completions").replyAlways(OpenAiWire.serverError());

        assertThat(client.chat("client-retries-exhausted").statusCode()).isEqualTo(500);
        assertThat(requests("/client-retries-out/v1/chat/completions")).hasSize(2);

        gateway.upstream.reset();
        gateway.upstream.on("/client-retries-out/v1/chat/completions").replyAlways(OpenAiWire.invalidApiKey());
        assertThat(client.chat("client-retries-exhausted").statusCode()).isEqualTo(401);
        assertThat(requests("/client-retries-out/v1/chat/completions")).hasSize(1);
    }

    @Test
    void a_retry_policy_that_names_bad_requests_retries_them_as_often_as_it_says() throws Exception {
        gateway.upstream.on("/bad-request/v1/chat/completions").replyAlways(badRequest());

        HttpResponse<String> response = client.chat("bad-requests-by-policy");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(requests("/bad-request/v1/chat/completions"))
                .as("a 400 is not retried unless a policy says so; this one says once, not num_retries' twice")
                .hasSize(2);
    }

    @Test
    void a_group_retry_policy_replaces_the_global_one_entirely() throws Exception {
        gateway.upstream
                .on("/own-policy/v1/chat/completions")
                .reply(Answer.json(408, OpenAiWire.errorBody("Request timed out.", "timeout", null, null)))
                .replyAlways(OpenAiWire.ok("retried"));

        HttpResponse<String> response = client.chat("own-retry-policy");

        assertThat(response.statusCode())
                .as("the global TimeoutErrorRetries: 0 does not apply to a group with its own policy")
                .isEqualTo(200);
        assertThat(header(response, "x-litellm-attempted-retries")).isEqualTo("1");
        assertThat(requests("/own-policy/v1/chat/completions")).hasSize(2);
    }

    @Test
    void num_retries_in_the_request_body_overrides_the_router_setting() throws Exception {
        String path = "/retried-on-request/v1/chat/completions";
        gateway.upstream
                .on(path)
                .reply(OpenAiWire.serverError(), OpenAiWire.serverError(), OpenAiWire.serverError())
                .replyAlways(OpenAiWire.ok("third time lucky"));

        HttpResponse<String> withoutRetries = client.chat("retried-on-request");
        HttpResponse<String> withRetries =
                client.chat(chatBody("retried-on-request").put("num_retries", 2));

        assertThat(withoutRetries.statusCode()).as("router num_retries: 0").isEqualTo(500);
        assertThat(withRetries.statusCode()).isEqualTo(200);
        assertThat(content(withRetries)).isEqualTo("third time lucky");
        assertThat(header(withRetries, "x-litellm-attempted-retries")).isEqualTo("2");
        assertThat(header(withRetries, "x-litellm-max-retries")).isEqualTo("2");
        assertThat(requests(path)).hasSize(4);
    }

    @Test
    void a_lone_deployment_is_retried_after_the_upstream_retry_after() throws Exception {
        String path = "/azure-alone" + AzureWire.chatPath("alone");
        gateway.upstream
                .on(path)
                .reply(AzureWire.rateLimited(Duration.ofSeconds(2)))
                .replyAlways(AzureWire.chat("gpt-4o").content("after the wait").answer());

        HttpResponse<String> response = client.chat("azure-alone");

        assertThat(content(response)).isEqualTo("after the wait");
        assertThat(header(response, "x-litellm-attempted-retries")).isEqualTo("1");
        assertThat(E2eClient.gap(requests(path).get(0), requests(path).get(1)))
                .isBetween(Duration.ofMillis(1950), Duration.ofSeconds(10));
    }

    @Test
    void a_lone_deployment_is_not_cooled_down_by_a_429_or_a_500() throws Exception {
        String path = "/alone-rate-limited/v1/chat/completions";
        gateway.upstream
                .on(path)
                .reply(OpenAiWire.rateLimited(Duration.ofSeconds(30)), OpenAiWire.serverError())
                .replyAlways(OpenAiWire.ok("still in rotation"));

        HttpResponse<String> rateLimited = client.chat("alone-rate-limited");
        HttpResponse<String> failed = client.chat("alone-rate-limited");
        HttpResponse<String> served = client.chat("alone-rate-limited");

        assertThat(rateLimited.statusCode()).isEqualTo(429);
        assertThat(error(rateLimited).getString("message")).doesNotContain("No deployments available");
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(requests(path)).hasSize(3);
    }

    @Test
    void a_401_cools_a_lone_deployment_at_once_for_the_router_cooldown_time() throws Exception {
        String path = "/alone-unauthorized/v1/chat/completions";
        gateway.upstream.on(path).reply(OpenAiWire.invalidApiKey()).replyAlways(OpenAiWire.ok("unreachable for now"));

        HttpResponse<String> unauthorized = client.chat("alone-unauthorized");
        HttpResponse<String> cooling = client.chat("alone-unauthorized");

        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(cooling.statusCode()).isEqualTo(429);
        assertThat(error(cooling).getString("message"))
                .contains("No deployments available")
                .contains("cooldown_list");
        assertThat(Long.parseLong(header(cooling, "retry-after")))
                .isBetween(ROUTER_COOLDOWN.toSeconds() - 2, ROUTER_COOLDOWN.toSeconds());
        assertThat(requests(path)).hasSize(1);
    }

    @Test
    void an_upstream_retry_after_sets_the_cooldown_time_over_the_router_one() throws Exception {
        for (String path : List.of("/both-limited-a/v1/chat/completions", "/both-limited-b/v1/chat/completions")) {
            gateway.upstream
                    .on(path)
                    .reply(OpenAiWire.rateLimited(Duration.ofSeconds(2)))
                    .replyAlways(OpenAiWire.ok("after the cooldown"));
        }

        HttpResponse<String> bothLimited = client.chat("pair-both-limited");
        HttpResponse<String> cooling = client.chat("pair-both-limited");
        Thread.sleep(2200);
        HttpResponse<String> recovered = client.chat("pair-both-limited");

        assertThat(bothLimited.statusCode()).isEqualTo(429);
        assertThat(cooling.statusCode()).isEqualTo(429);
        assertThat(error(cooling).getString("message")).contains("No deployments available");
        assertThat(Long.parseLong(header(cooling, "retry-after")))
                .as("the upstream asked for 2 s; the router's cooldown_time is 7 s")
                .isBetween(1L, 2L);
        assertThat(recovered.statusCode()).isEqualTo(200);
        assertThat(requests("/both-limited-a/v1/chat/completions").size()
                        + requests("/both-limited-b/v1/chat/completions").size())
                .as("one 429 each, nothing while cooling, then one answer")
                .isEqualTo(3);
    }

    @Test
    void a_deployment_cooldown_time_overrides_the_router_and_the_cooldown_ends_after_it() throws Exception {
        String path = "/alone-briefly/v1/chat/completions";
        gateway.upstream.on(path).reply(OpenAiWire.invalidApiKey()).replyAlways(OpenAiWire.ok("back in rotation"));

        HttpResponse<String> unauthorized = client.chat("alone-unauthorized-briefly");
        HttpResponse<String> cooling = client.chat("alone-unauthorized-briefly");
        Thread.sleep(1200);
        HttpResponse<String> recovered = client.chat("alone-unauthorized-briefly");

        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(cooling.statusCode()).isEqualTo(429);
        assertThat(header(cooling, "retry-after")).isEqualTo("1");
        assertThat(recovered.statusCode()).isEqualTo(200);
        assertThat(requests(path)).hasSize(2);
    }
}
