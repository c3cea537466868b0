package dev.junction.gateway;

import static dev.junction.gateway.E2eClient.chatBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.testkit.Answer;
import dev.junction.testkit.OpenAiWire;
import dev.junction.testkit.RecordedRequest;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The access controls of {@code general_settings} on a real node, through its HTTP API: {@code allowed_ips}
 * behind a proxy ({@code use_x_forwarded_for}), {@code allowed_routes}, {@code public_routes}, {@code
 * admin_only_routes}, {@code litellm_key_header_name}, {@code enforce_user_param}, {@code enforced_params},
 * {@code max_response_size_mb} and {@code global_max_parallel_requests}. The test client connects from
 * 127.0.0.1, which is not allowed: every request passes as the proxy would, with the allowed client last in
 * {@code X-Forwarded-For}.
 */
class AccessControlIT {
    private static final String MASTER = "sk-master-access";
    private static final String KEY_HEADER = "X-Junction-Key";
    private static final String ALLOWED_CLIENT = "10.1.4.2";

    private static GatewayHarness gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayHarness.start("/e2e/access-controls.yaml");
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @BeforeEach
    void resetUpstream() {
        gateway.upstream.reset();
        gateway.upstream.on("/gpt/v1/chat/completions").replyAlways(OpenAiWire.ok("hi"));
    }

    /** A chat body that meets the body rules: a {@code user} and {@code metadata.project}. */
    private static JsonObject validBody(String model) {
        return chatBody(model).put("user", "u-1").put("metadata", new JsonObject().put("project", "p"));
    }

    private static HttpResponse<String> chat(JsonObject body, String... headers) throws Exception {
        return gateway.post("/v1/chat/completions", body.encode(), headers);
    }

    /** Headers of a request from an allowed client through the proxy, with {@code key} in the key header. */
    private static String[] as(String key) {
        return new String[] {"x-forwarded-for", ALLOWED_CLIENT, KEY_HEADER, "Bearer " + key};
    }

    private static String message(HttpResponse<String> response) {
        return E2eClient.error(response).getString("message");
    }

    @Test
    void only_the_allowed_addresses_are_served_taking_the_address_the_proxy_saw() throws Exception {
        assertThat(chat(validBody("gpt"), as(MASTER)).statusCode()).isEqualTo(200);
        assertThat(chat(validBody("gpt"), "x-forwarded-for", "192.0.2.7", KEY_HEADER, MASTER)
                        .statusCode())
                .as("a single allowed address")
                .isEqualTo(200);

        HttpResponse<String> direct = chat(validBody("gpt"), KEY_HEADER, MASTER);
        assertThat(direct.statusCode()).as("127.0.0.1 itself is not allowed").isEqualTo(403);
        assertThat(message(direct)).contains("IP address 127.0.0.1 not allowed");

        HttpResponse<String> spoofed =
                chat(validBody("gpt"), "x-forwarded-for", ALLOWED_CLIENT + ", 203.0.113.9", KEY_HEADER, MASTER);
        assertThat(spoofed.statusCode())
                .as("an allowed address written by the client before the proxy's own entry does not pass")
                .isEqualTo(403);
        assertThat(message(spoofed)).contains("203.0.113.9");
        assertThat(gateway.upstream.requests("/gpt/v1/chat/completions")).hasSize(2);
    }

    @Test
    void health_probes_answer_whatever_the_address() throws Exception {
        assertThat(gateway.get("/health/liveliness").statusCode()).isEqualTo(200);
    }

    @Test
    void routes_outside_allowed_routes_are_refused_before_any_key_is_read() throws Exception {
        HttpResponse<String> teams = gateway.get("/team/list", as(MASTER));
        assertThat(teams.statusCode()).isEqualTo(403);
        assertThat(message(teams)).contains("Route /team/list not allowed");
        assertThat(gateway.get("/key/list", as(MASTER)).statusCode()).isEqualTo(200);
    }

    @Test
    void public_routes_are_served_without_a_key() throws Exception {
        HttpResponse<String> models = gateway.get("/v1/models", "x-forwarded-for", ALLOWED_CLIENT);
        assertThat(models.statusCode()).isEqualTo(200);
        assertThat(models.body()).contains("\"gpt\"");
        assertThat(chat(validBody("gpt"), "x-forwarded-for", ALLOWED_CLIENT).statusCode())
                .as("an LLM route still needs a key")
                .isEqualTo(401);
    }

    @Test
    void keys_are_read_from_the_configured_header_only() throws Exception {
        HttpResponse<String> usual =
                chat(validBody("gpt"), "x-forwarded-for", ALLOWED_CLIENT, "authorization", "Bearer " + MASTER);
        assertThat(usual.statusCode()).isEqualTo(401);
        assertThat(message(usual)).contains("header=" + KEY_HEADER);
        assertThat(chat(validBody("gpt"), "x-forwarded-for", ALLOWED_CLIENT, KEY_HEADER, MASTER)
                        .statusCode())
                .as("the key without Bearer")
                .isEqualTo(200);
    }

    @Test
    void admin_only_routes_refuse_virtual_keys() throws Exception {
        HttpResponse<String> made = gateway.post("/key/generate", "{}", as(MASTER));
        assertThat(made.statusCode()).isEqualTo(200);
        String key = new JsonObject(made.body()).getString("key");

        HttpResponse<String> refused = gateway.post("/key/generate", "{}", as(key));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(message(refused)).contains("admin only route");
        assertThat(chat(validBody("gpt"), as(key)).statusCode())
                .as("the key still calls models")
                .isEqualTo(200);
    }

    @Test
    void every_llm_request_must_name_its_user_and_carry_the_enforced_params() throws Exception {
        HttpResponse<String> noUser =
                chat(chatBody("gpt").put("metadata", new JsonObject().put("project", "p")), as(MASTER));
        assertThat(noUser.statusCode()).isEqualTo(401);
        assertThat(message(noUser)).contains("'user' param not passed in");

        HttpResponse<String> noProject = chat(chatBody("gpt").put("user", "u-1"), as(MASTER));
        assertThat(noProject.statusCode()).isEqualTo(400);
        assertThat(message(noProject)).contains("param=metadata in request body");
        assertThat(E2eClient.error(noProject).getString("param")).isEqualTo("metadata.project");

        HttpResponse<String> emptyMetadata =
                chat(chatBody("gpt").put("user", "u-1").put("metadata", new JsonObject().put("other", 1)), as(MASTER));
        assertThat(emptyMetadata.statusCode()).isEqualTo(400);
        assertThat(message(emptyMetadata)).contains("param=[metadata][project] in request body");
        assertThat(gateway.upstream.requests("/gpt/v1/chat/completions")).isEmpty();
    }

    @Test
    void litellm_own_params_of_a_deployment_never_reach_the_provider() throws Exception {
        assertThat(chat(validBody("gpt"), as(MASTER)).statusCode()).isEqualTo(200);

        RecordedRequest sent =
                gateway.upstream.requests("/gpt/v1/chat/completions").get(0);
        JsonObject body = sent.bodyAsJson();
        assertThat(body.getDouble("temperature")).as("a call default is sent").isEqualTo(0.5);
        assertThat(body.fieldNames())
                .doesNotContain(
                        "input_cost_per_token", "tags", "max_budget", "initial_prompt_value", "aws_region_name");
    }

    @Test
    void an_answer_over_max_response_size_is_not_sent() throws Exception {
        String large = "x".repeat(5000);
        gateway.upstream.on("/big/v1/chat/completions").replyAlways(OpenAiWire.ok(large));

        HttpResponse<String> whole = chat(validBody("big"), as(MASTER));
        assertThat(whole.statusCode()).isEqualTo(400);
        assertThat(message(whole)).contains("Response size is too large").contains("Max size is 0.002 MB");
        assertThat(whole.body()).doesNotContain(large);

        gateway.upstream
                .on("/big/v1/chat/completions")
                .replyAlways(OpenAiWire.chat("gpt-4o").content(large).streamAnswer(50, false));
        HttpResponse<String> streamed = chat(validBody("big").put("stream", true), as(MASTER));
        assertThat(streamed.statusCode()).isEqualTo(200);
        assertThat(streamed.body()).contains("Response size is too large");
        assertThat(streamed.body().length()).isLessThan(large.length());
    }

    @Test
    void calls_beyond_global_max_parallel_requests_are_refused_with_a_retry_after() throws Exception {
        gateway.upstream
                .on("/slow/v1/chat/completions")
                .replyAlways(Answer.delayed(Duration.ofMillis(1500), OpenAiWire.ok("slow")));
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(3);
        for (int i = 0; i < 3; i++) {
            calls.add(CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return chat(validBody("slow"), as(MASTER));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    },
                    threads));
        }
        threads.shutdown();
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> refused = null;
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> response = call.get(30, TimeUnit.SECONDS);
            statuses.add(response.statusCode());
            refused = response.statusCode() == 429 ? response : refused;
        }
        assertThat(statuses).containsExactlyInAnyOrder(200, 200, 429);
        assertThat(E2eClient.header(refused, "retry-after")).isEqualTo("1");
        assertThat(message(refused)).contains("Limit=2");

        assertThat(chat(validBody("slow"), as(MASTER)).statusCode())
                .as("finished calls free their places")
                .isEqualTo(200);
    }
}
