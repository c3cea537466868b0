package dev.junction.gateway;

import static dev.junction.gateway.E2eClient.chatBody;
import static dev.junction.gateway.E2eClient.content;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.testkit.Answer;
import dev.junction.testkit.OpenAiWire;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Each {@code routing_strategy} end to end, one node per strategy (the strategy is router-wide). The
 * deployments of a group differ in one respect only, and the test checks that the strategy follows it where a
 * random choice would not.
 */
class RoutingStrategiesIT {

    /** A node on one strategy's config, started once for its nested class. */
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class OnNode {
        GatewayHarness gateway;
        E2eClient client;

        abstract String config();

        @BeforeAll
        void start() throws Exception {
            gateway = GatewayHarness.start(config());
            client = new E2eClient(gateway, "sk-master-strategies");
            gateway.upstream.on("/warmup/v1/chat/completions").replyAlways(OpenAiWire.ok("warm"));
            client.warmUp("warmup");
        }

        @AfterAll
        void stop() throws Exception {
            gateway.close();
        }

        int requestsOn(String deployment) {
            return gateway.upstream
                    .requests("/" + deployment + "/v1/chat/completions")
                    .size();
        }

        /** Calls the group {@code times} in a row and returns what each answer said. */
        List<String> callInTurn(String model, int times) throws Exception {
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                HttpResponse<String> response = client.chat(model);
                assertThat(response.statusCode()).isEqualTo(200);
                answers.add(content(response));
            }
            return answers;
        }
    }

    @Nested
    class LeastBusy extends OnNode {
        @Override
        String config() {
            return "/e2e/strategy-least-busy.yaml";
        }

        @Test
        void calls_go_to_the_deployment_with_fewer_calls_in_flight() throws Exception {
            gateway.upstream
                    .on("/least-busy-slow/v1/chat/completions")
                    .replyAlways(Answer.delayed(Duration.ofSeconds(3), OpenAiWire.ok("slow")));
            gateway.upstream.on("/least-busy-idle/v1/chat/completions").replyAlways(OpenAiWire.ok("idle"));
            // Addressed by id, this call keeps the slow deployment busy while the group is called.
            CompletableFuture<HttpResponse<String>> busy = client.chatAsync(chatBody("busy-deployment"));
            E2eClient.awaitRequests(gateway, "/least-busy-slow/v1/chat/completions", 1, Duration.ofSeconds(10));

            List<String> answers = callInTurn("busy-or-idle", 8);

            assertThat(answers).containsOnly("idle");
            assertThat(busy.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(requestsOn("least-busy-slow")).isEqualTo(1);
        }
    }

    @Nested
    class UsageBased extends OnNode {
        @Override
        String config() {
            return "/e2e/strategy-usage.yaml";
        }

        @Test
        void calls_go_to_the_deployment_that_served_fewer_tokens_this_minute() throws Exception {
            gateway.upstream
                    .on("/usage-heavy/v1/chat/completions")
                    .replyAlways(OpenAiWire.chat("gpt-4o")
                            .content("heavy")
                            .usage(4000, 1000)
                            .answer());
            gateway.upstream.on("/usage-light/v1/chat/completions").replyAlways(OpenAiWire.ok("light"));
            E2eClient.awaitMinuteWithAtLeast(Duration.ofSeconds(10));
            // Addressed by id, this call charges the heavy deployment the 5000 tokens its upstream reports.
            assertThat(client.chat("heavy-deployment").statusCode()).isEqualTo(200);

            List<String> answers = callInTurn("usage", 8);

            assertThat(answers).containsOnly("light");
            assertThat(requestsOn("usage-heavy")).isEqualTo(1);
        }
    }

    @Nested
    class LatencyBased extends OnNode {
        @Override
        String config() {
            return "/e2e/strategy-latency.yaml";
        }

        @Test
        void after_measuring_both_deployments_calls_go_to_the_faster_one() throws Exception {
            gateway.upstream
                    .on("/latency-slow/v1/chat/completions")
                    .replyAlways(Answer.delayed(Duration.ofSeconds(1), OpenAiWire.ok("slow")));
            gateway.upstream.on("/latency-fast/v1/chat/completions").replyAlways(OpenAiWire.ok("fast"));

            List<String> answers = callInTurn("latency", 8);

            assertThat(answers.subList(0, 2))
                    .as("a deployment without samples is tried first")
                    .containsExactlyInAnyOrder("slow", "fast");
            assertThat(answers.subList(2, 8)).containsOnly("fast");
        }
    }

    @Nested
    class CostBased extends OnNode {
        @Override
        String config() {
            return "/e2e/strategy-cost.yaml";
        }

        @Test
        void calls_go_to_the_cheaper_deployment() throws Exception {
            gateway.upstream.on("/cost-expensive/v1/chat/completions").replyAlways(OpenAiWire.ok("expensive"));
            gateway.upstream.on("/cost-cheap/v1/chat/completions").replyAlways(OpenAiWire.ok("cheap"));

            List<String> answers = callInTurn("priced", 8);

            assertThat(answers).containsOnly("cheap");
            assertThat(requestsOn("cost-expensive")).isZero();
        }
    }

    @Nested
    class SimpleShuffleWeights extends OnNode {
        @Override
        String config() {
            return "/e2e/strategy-weights.yaml";
        }

        @Test
        void weights_share_the_calls_in_proportion() throws Exception {
            gateway.upstream.on("/weight-heavy/v1/chat/completions").replyAlways(OpenAiWire.ok("heavy"));
            gateway.upstream.on("/weight-light/v1/chat/completions").replyAlways(OpenAiWire.ok("light"));

            List<String> answers = callInTurn("weighted", 30);

            // 27 expected at 9:1; at 1:1 (15 expected), 22 or more happens less than 1% of the time.
            assertThat(answers.stream().filter("heavy"::equals).count()).isGreaterThanOrEqualTo(22);
        }
    }
}
