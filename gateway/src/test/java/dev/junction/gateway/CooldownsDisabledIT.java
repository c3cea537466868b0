package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.router.retry.RetryPolicyRules;
import dev.junction.testkit.OpenAiWire;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code disable_cooldowns: true}: no failure takes a deployment out of rotation. */
class CooldownsDisabledIT {
    private static GatewayHarness gateway;
    private static E2eClient client;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayHarness.start("/e2e/cooldowns-disabled.yaml");
        client = new E2eClient(gateway, "sk-master-no-cooldowns");
        gateway.upstream
                .on("/warmup/v1/chat/completions")
                .replyAlways(OpenAiWire.chat("gpt-4o").answer());
        client.warmUp("warmup");
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @Test
    void a_401_does_not_cool_a_lone_deployment() throws Exception {
        gateway.upstream.on("/unauthorized/v1/chat/completions").replyAlways(OpenAiWire.invalidApiKey());

        for (int i = 0; i < 3; i++) {
            assertThat(client.chat("unauthorized").statusCode()).isEqualTo(401);
        }

        assertThat(gateway.upstream.requests("/unauthorized/v1/chat/completions"))
                .hasSize(3);
    }

    @Test
    void a_429_keeps_the_first_tier_in_rotation_and_its_sibling_unused() throws Exception {
        gateway.upstream
                .on("/tier-limited/v1/chat/completions")
                .replyAlways(OpenAiWire.rateLimited(Duration.ofSeconds(30)));
        gateway.upstream
                .on("/tier-spare/v1/chat/completions")
                .replyAlways(OpenAiWire.chat("gpt-4o").answer());

        for (int i = 0; i < 3; i++) {
            assertThat(client.chat("tiers").statusCode()).isEqualTo(429);
        }

        assertThat(gateway.upstream.requests("/tier-limited/v1/chat/completions"))
                .hasSize(3);
        assertThat(gateway.upstream.requests("/tier-spare/v1/chat/completions")).isEmpty();
    }

    @Test
    void a_clients_num_retries_is_capped_at_ten() throws Exception {
        // 429s count against no breaker and, without cooldowns, leave both deployments healthy: every retry is
        // made at once, as many as the budget allows.
        gateway.upstream
                .on("/limited-a/v1/chat/completions")
                .replyAlways(OpenAiWire.rateLimited(Duration.ofSeconds(1)));
        gateway.upstream
                .on("/limited-b/v1/chat/completions")
                .replyAlways(OpenAiWire.rateLimited(Duration.ofSeconds(1)));

        HttpResponse<String> answer =
                client.chat(E2eClient.chatBody("both-limited").put("num_retries", 1000));

        assertThat(answer.statusCode()).isEqualTo(429);
        int calls = gateway.upstream.requests("/limited-a/v1/chat/completions").size()
                + gateway.upstream.requests("/limited-b/v1/chat/completions").size();
        assertThat(calls).isEqualTo(1 + RetryPolicyRules.MAX_REQUEST_NUM_RETRIES);
    }
}
