package dev.junction.gateway;

import static dev.junction.gateway.E2eClient.chatBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.junction.testkit.OpenAiMediaWire;
import dev.junction.testkit.OpenAiWire;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code callbacks: ["prometheus"]}: {@code GET /metrics} decoded as a Prometheus server reads it ({@link
 * PrometheusScrape}), with LiteLLM's metric names and labels, after real calls through a node.
 */
class MetricsIT {
    private static final String MASTER = "sk-master-obs";
    private static GatewayHarness gateway;
    private static E2eClient client;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayHarness.start(
                "/e2e/observability.yaml",
                Map.of("CALLBACKS", "[\"prometheus\"]", "ENVIRONMENT", ""),
                "junction-metrics-" + UUID.randomUUID(),
                null);
        client = new E2eClient(gateway, MASTER);
        gateway.upstream
                .on("/steady/v1/chat/completions")
                .replyAlways(OpenAiWire.chat("gpt-4o").usage(10, 5).answer());
        gateway.upstream.on("/broken/v1/chat/completions").replyAlways(OpenAiWire.serverError());
        gateway.upstream.on("/pair-a/v1/chat/completions").replyAlways(OpenAiWire.rateLimited());
        gateway.upstream
                .on("/pair-b/v1/chat/completions")
                .replyAlways(OpenAiWire.chat("gpt-4o").usage(10, 5).answer());
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    private static PrometheusScrape scrape() throws Exception {
        return PrometheusScrape.scrape(gateway);
    }

    @Test
    void a_scraper_gets_prometheus_text_by_default_and_protobuf_or_openmetrics_when_it_asks_with_the_same_families()
            throws Exception {
        client.warmUp("steady");
        PrometheusScrape text = scrape();
        PrometheusScrape protobuf = PrometheusScrape.scrapeProtobuf(gateway);
        Map<String, String> textTypes = new TreeMap<>();
        text.families().forEach(family -> textTypes.put(family.name(), family.type()));
        Map<String, String> protobufTypes = new TreeMap<>();
        protobuf.families().forEach(family -> protobufTypes.put(family.name(), family.type()));
        assertThat(textTypes).isEqualTo(protobufTypes).containsEntry("litellm_proxy_total_requests_metric", "counter");
        assertThat(text.sum("litellm_proxy_total_requests_metric_total", "requested_model", "steady"))
                .isEqualTo(protobuf.sum("litellm_proxy_total_requests_metric_total", "requested_model", "steady"))
                .isPositive();
        HttpResponse<String> openMetrics =
                gateway.get("/metrics", "accept", "application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(openMetrics.headers().firstValue("content-type").orElse(""))
                .startsWith("application/openmetrics-text");
        assertThat(openMetrics.body())
                .contains("# TYPE litellm_proxy_total_requests_metric counter")
                .endsWith("# EOF\n");
    }

    @Test
    void an_image_call_is_priced_in_spend_as_the_router_priced_it_per_image() throws Exception {
        gateway.upstream
                .on("/media" + OpenAiMediaWire.IMAGES_PATH)
                .replyAlways(OpenAiMediaWire.images("https://img/1.png"));
        PrometheusScrape before = scrape();
        JsonObject request = new JsonObject()
                .put("model", "images")
                .put("prompt", "A cute baby sea otter")
                .put("n", 1)
                .put("size", "1024x1024");
        HttpResponse<String> image =
                gateway.post("/v1/images/generations", request.encode(), "authorization", "Bearer " + MASTER);
        assertThat(image.statusCode()).as(image.body()).isEqualTo(200);
        double charged = Double.parseDouble(
                image.headers().firstValue("x-litellm-response-cost").orElseThrow());
        PrometheusScrape after = scrape();
        // dall-e-3, standard 1024x1024: about 0.04 an image, priced per pixel (no tokens: a token price would say 0)
        assertThat(charged).isCloseTo(0.04, within(1e-6));
        assertThat(delta(before, after, "litellm_spend_metric_total", "model", "dall-e-3"))
                .isCloseTo(charged, within(1e-9));
    }

    @Test
    void a_call_on_anthropics_messages_api_is_counted_under_its_route_with_its_tokens() throws Exception {
        PrometheusScrape before = scrape();
        JsonObject request = new JsonObject()
                .put("model", "steady")
                .put("max_tokens", 16)
                .put(
                        "messages",
                        new io.vertx.core.json.JsonArray()
                                .add(new JsonObject().put("role", "user").put("content", "hi")));
        HttpResponse<String> answer =
                gateway.post("/v1/messages", request.encode(), "x-api-key", MASTER, "anthropic-version", "2023-06-01");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        PrometheusScrape after = scrape();
        String[] messages = {"requested_model", "steady", "route", "/v1/messages"};
        assertThat(delta(before, after, "litellm_proxy_total_requests_metric_total", messages))
                .isEqualTo(1);
        assertThat(delta(before, after, "litellm_input_tokens_metric_total", "requested_model", "steady"))
                .isEqualTo(10);
    }

    @Test
    void a_scrape_has_litellm_names_and_the_node_label() throws Exception {
        client.warmUp("steady");
        PrometheusScrape scrape = scrape();
        String node = gateway.node.cluster().nodeId();
        assertThat(scrape.family("litellm_proxy_total_requests_metric").type()).isEqualTo("counter");
        assertThat(scrape.family("litellm_request_total_latency_metric").type()).isEqualTo("histogram");
        assertThat(scrape.samples(
                        "litellm_proxy_total_requests_metric_total",
                        "requested_model",
                        "steady",
                        "route",
                        "/v1/chat/completions"))
                .isNotEmpty()
                .allSatisfy(sample -> assertThat(sample.labels())
                        .containsEntry("node", node)
                        .containsEntry("status_code", "200")
                        .containsKeys("hashed_api_key", "api_key_alias", "team", "team_alias", "user", "end_user"));
        // LiteLLM's latency buckets, in seconds
        assertThat(scrape.samples("litellm_request_total_latency_metric_bucket", "requested_model", "steady"))
                .anySatisfy(bucket -> assertThat(bucket.labels()).containsEntry("le", "0.00625"))
                .anySatisfy(bucket -> assertThat(bucket.labels()).containsEntry("le", "300.0"));
        assertThat(scrape.has("jvm_memory_used_bytes")).isTrue();
        assertThat(scrape.has("junction_event_loop_lag_seconds")).isTrue();
        assertThat(scrape.sum("junction_cluster_members", "node", node)).isEqualTo(1);
        assertThat(scrape.has("junction_cluster_partitions_owned")).isTrue();
        assertThat(scrape.family("vertx_http_client_active_connections").type()).isEqualTo("gauge");
    }

    @Test
    void a_successful_call_counts_its_request_latencies_tokens_and_spend() throws Exception {
        PrometheusScrape before = scrape();
        client.warmUp("steady");
        PrometheusScrape after = scrape();
        String[] steady = {"requested_model", "steady"};
        assertThat(delta(before, after, "litellm_proxy_total_requests_metric_total", steady))
                .isEqualTo(1);
        assertThat(delta(before, after, "litellm_request_total_latency_metric_count", steady))
                .isEqualTo(1);
        assertThat(delta(before, after, "litellm_llm_api_latency_metric_count", steady))
                .isEqualTo(1);
        assertThat(delta(before, after, "litellm_input_tokens_metric_total", steady))
                .isEqualTo(10);
        assertThat(delta(before, after, "litellm_output_tokens_metric_total", steady))
                .isEqualTo(5);
        assertThat(delta(before, after, "litellm_total_tokens_metric_total", steady))
                .isEqualTo(15);
        assertThat(delta(before, after, "litellm_spend_metric_total", "model", "gpt-4o"))
                .isCloseTo(0.02, within(1e-9));
        assertThat(delta(before, after, "litellm_requests_metric_total", "model", "gpt-4o"))
                .isEqualTo(1);
        assertThat(delta(before, after, "litellm_overhead_latency_metric_count", "model_group", "steady"))
                .isEqualTo(1);
        assertThat(delta(before, after, "litellm_deployment_success_responses_total", steady))
                .isEqualTo(1);
        assertThat(delta(before, after, "litellm_deployment_total_requests_total", steady))
                .isEqualTo(1);
        assertThat(after.sum("litellm_deployment_rpm_limit", "litellm_model_name", "openai/gpt-4o"))
                .isEqualTo(1000);
        assertThat(after.sum("litellm_remaining_requests_metric", "model_group", "steady"))
                .isLessThan(1000)
                .isGreaterThanOrEqualTo(0);
    }

    @Test
    void each_model_of_a_batch_completion_is_counted_as_a_call_of_its_own() throws Exception {
        PrometheusScrape before = scrape();
        HttpResponse<String> batch = client.chat(chatBody("steady, no-such-model"));
        assertThat(batch.statusCode()).as(batch.body()).isEqualTo(200);
        PrometheusScrape after = scrape();
        String[] steady = {"requested_model", "steady"};
        assertThat(delta(before, after, "litellm_proxy_total_requests_metric_total", steady))
                .isEqualTo(1);
        assertThat(delta(before, after, "litellm_total_tokens_metric_total", steady))
                .isEqualTo(15);
        assertThat(delta(before, after, "litellm_spend_metric_total", "model", "gpt-4o"))
                .isCloseTo(0.02, within(1e-9));
        assertThat(delta(before, after, "litellm_deployment_success_responses_total", steady))
                .isEqualTo(1);
        assertThat(delta(
                        before,
                        after,
                        "litellm_proxy_failed_requests_metric_total",
                        "requested_model",
                        "no-such-model",
                        "exception_status",
                        "400"))
                .isEqualTo(1);
        assertThat(delta(before, after, "litellm_proxy_total_requests_metric_total"))
                .as("the batch itself is not counted besides its two calls")
                .isEqualTo(2);
    }

    @Test
    void a_failed_deployment_and_the_fallback_that_saved_the_call_are_counted() throws Exception {
        PrometheusScrape before = scrape();
        HttpResponse<String> answer = client.chat(chatBody("broken"));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        PrometheusScrape after = scrape();
        assertThat(delta(
                        before,
                        after,
                        "litellm_deployment_failure_responses_total",
                        "requested_model",
                        "broken",
                        "exception_status",
                        "500",
                        "exception_class",
                        "InternalServerError"))
                .isEqualTo(1);
        assertThat(delta(
                        before,
                        after,
                        "litellm_deployment_successful_fallbacks_total",
                        "requested_model",
                        "broken",
                        "fallback_model",
                        "steady",
                        "exception_status",
                        "500"))
                .isEqualTo(1);
        assertThat(delta(before, after, "litellm_proxy_total_requests_metric_total", "requested_model", "broken"))
                .isEqualTo(1);
    }

    @Test
    void a_refused_request_counts_as_failed_with_its_status_and_class() throws Exception {
        PrometheusScrape before = scrape();
        HttpResponse<String> refused = client.chat(new JsonObject().put("model", "steady"));
        assertThat(refused.statusCode()).isEqualTo(400);
        PrometheusScrape after = scrape();
        assertThat(delta(
                        before,
                        after,
                        "litellm_proxy_failed_requests_metric_total",
                        "exception_status",
                        "400",
                        "exception_class",
                        "BadRequestError"))
                .isEqualTo(1);
        HttpResponse<String> unknownKey =
                gateway.post("/v1/chat/completions", chatBody("steady").encode(), "authorization", "Bearer sk-nobody");
        assertThat(unknownKey.statusCode()).isEqualTo(401);
        assertThat(delta(
                        after,
                        scrape(),
                        "litellm_proxy_failed_requests_metric_total",
                        "exception_status",
                        "401",
                        "route",
                        "/v1/chat/completions"))
                .isEqualTo(1);
    }

    @Test
    void a_rate_limited_deployment_is_cooled_down_and_shown_as_such() throws Exception {
        PrometheusScrape before = scrape();
        // pair-a answers 429: the group has another deployment, so LiteLLM's rule cools pair-a at once. The
        // shuffle picks pair-b for six calls in a row once in 64 runs: call until pair-a has been tried.
        String pairA = "/pair-a/v1/chat/completions";
        int triedBefore = gateway.upstream.requests(pairA).size();
        for (int i = 0; i < 6 || (gateway.upstream.requests(pairA).size() == triedBefore && i < 100); i++) {
            client.chat(chatBody("pair"));
        }
        PrometheusScrape after = scrape();
        assertThat(delta(before, after, "litellm_deployment_cooled_down_total", "model_id", "pair-a"))
                .isGreaterThanOrEqualTo(1);
        assertThat(after.sum("litellm_deployment_state", "model_id", "pair-a")).isEqualTo(2);
        assertThat(after.sum("litellm_deployment_state", "model_id", "pair-b")).isEqualTo(0);
    }

    @Test
    void a_stream_records_its_time_to_first_token() throws Exception {
        gateway.upstream
                .on("/steady/v1/chat/completions")
                .reply(OpenAiWire.chat("gpt-4o")
                        .content("one two three")
                        .usage(10, 5)
                        .streamAnswer(3, true));
        PrometheusScrape before = scrape();
        HttpResponse<String> streamed = client.stream("steady");
        assertThat(streamed.statusCode()).isEqualTo(200);
        PrometheusScrape after = scrape();
        assertThat(delta(
                        before, after, "litellm_llm_api_time_to_first_token_metric_count", "requested_model", "steady"))
                .isEqualTo(1);
        assertThat(delta(before, after, "litellm_output_tokens_metric_total", "requested_model", "steady"))
                .isEqualTo(5);
    }

    @Test
    void key_and_team_budgets_show_what_is_left_of_them() throws Exception {
        String team = "budget-team-" + UUID.randomUUID();
        admin(
                "/team/new",
                new JsonObject()
                        .put("team_id", team)
                        .put("team_alias", "Budgets")
                        .put("max_budget", 5));
        JsonObject key = admin(
                "/key/generate",
                new JsonObject().put("team_id", team).put("max_budget", 1).put("key_alias", "metered-key"));
        HttpResponse<String> answer = gateway.post(
                "/v1/chat/completions", chatBody("steady").encode(), "authorization", "Bearer " + key.getString("key"));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        PrometheusScrape scrape = scrape();
        assertThat(scrape.sum(
                        "litellm_remaining_api_key_budget_metric",
                        "hashed_api_key",
                        key.getString("token"),
                        "api_key_alias",
                        "metered-key"))
                .isCloseTo(0.98, within(1e-9));
        assertThat(scrape.sum("litellm_api_key_max_budget_metric", "hashed_api_key", key.getString("token")))
                .isEqualTo(1);
        assertThat(scrape.sum("litellm_remaining_team_budget_metric", "team", team, "team_alias", "Budgets"))
                .isCloseTo(4.98, within(1e-9));
        assertThat(scrape.sum(
                        "litellm_proxy_total_requests_metric_total",
                        "hashed_api_key",
                        key.getString("token"),
                        "team",
                        team))
                .isEqualTo(1);
    }

    private static JsonObject admin(String path, JsonObject body) throws Exception {
        HttpResponse<String> response = gateway.post(path, body.encode(), "authorization", "Bearer " + MASTER);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    private static double delta(PrometheusScrape before, PrometheusScrape after, String sample, String... labels) {
        return after.sum(sample, labels) - before.sum(sample, labels);
    }
}
