package dev.junction.gateway;

import static dev.junction.gateway.E2eClient.chatBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.junction.testkit.Answer;
import dev.junction.testkit.FakeUpstream;
import dev.junction.testkit.OpenAiWire;
import dev.junction.testkit.RecordedRequest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two members of one cluster in front of one shared fake upstream, which also receives the alerts (as Slack's
 * webhook and a generic webhook): an alert raised on both nodes arrives once, each deployment is health-checked
 * once per interval by the cluster, and both nodes answer {@code /health} and the deployment gauges from the
 * same shared results.
 */
class ObservabilityClusterIT {
    private static final String MASTER = "sk-master-cluster-obs";
    private static final Duration INTERVAL = Duration.ofSeconds(2);
    private static Vertx vertx;
    private static FakeUpstream shared;
    private static GreenMail smtp;
    private static GatewayHarness a;
    private static GatewayHarness b;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        shared = GatewayHarness.await(FakeUpstream.start(vertx));
        shared.on("/slack-hook").replyAlways(Answer.raw(200, "text/plain", "ok"));
        shared.on("/webhook").replyAlways(Answer.raw(200, "text/plain", "ok"));
        shared.on("/failing/v1/chat/completions").replyAlways(OpenAiWire.serverError());
        shared.on("/hc-down/v1/chat/completions").replyAlways(OpenAiWire.serverError());
        for (String path : List.of("/hc-1/v1/chat/completions", "/hc-2/v1/chat/completions")) {
            shared.on(path).replyAlways(OpenAiWire.chat("gpt-4o").usage(1, 1).answer());
        }
        shared.on("/reported/v1/chat/completions")
                .replyAlways(OpenAiWire.chat("gpt-4o").usage(1_000, 500).answer());
        shared.on("/hc-3/v1/embeddings")
                .replyAlways(Answer.json(200, OpenAiWire.embeddings("text-embedding-3-small", 1, 4)));
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        smtp.setUser("alerts@junction.test", "junction-alerts", "smtp-secret-pass");
        String cluster = "junction-obs-cluster-" + UUID.randomUUID();
        Map<String, String> placeholders = Map.of(
                "SHARED",
                shared.baseUrl(),
                "SMTP_PORT",
                Integer.toString(smtp.getSmtp().getPort()));
        a = GatewayHarness.start(
                "/e2e/observability-cluster.yaml", placeholders, cluster, Files.createTempDirectory("obs-a"));
        b = GatewayHarness.start(
                "/e2e/observability-cluster.yaml", placeholders, cluster, Files.createTempDirectory("obs-b"));
        assertThat(a.node.cluster().memberCount()).isEqualTo(2);
    }

    @AfterAll
    static void stop() throws Exception {
        b.close();
        a.close();
        shared.close();
        smtp.stop();
        GatewayHarness.await(vertx.close());
    }

    @Test
    void an_alert_raised_on_both_nodes_is_sent_once_to_each_channel_slack_webhook_and_email() throws Exception {
        for (int i = 0; i < 4; i++) {
            for (GatewayHarness node : List.of(a, b)) {
                HttpResponse<String> failed = node.post(
                        "/v1/chat/completions", chatBody("failing").encode(), "authorization", "Bearer " + MASTER);
                // 503 once this node's circuit breaker for the deployment opened
                assertThat(failed.statusCode()).isIn(500, 503);
            }
        }
        Thread.sleep(3_000); // every node drains its queue every 200 ms; give both time to (not) send
        List<RecordedRequest> slack = shared.requests("/slack-hook").stream()
                .filter(hook -> hook.bodyAsJson().getString("text").contains("LLM API call failed"))
                .filter(hook -> hook.bodyAsJson().getString("text").contains("/failing/v1"))
                .toList();
        assertThat(slack).hasSize(1);
        List<JsonObject> webhook = shared.requests("/webhook").stream()
                .map(RecordedRequest::bodyAsJson)
                .filter(event -> "llm_exceptions".equals(event.getString("event")))
                .filter(event -> "failing".equals(event.getString("model_group")))
                .toList();
        assertThat(webhook).hasSize(1);
        assertThat(webhook.get(0).getString("event_message")).contains("InternalServerError");
        assertThat(webhook.get(0).getString("exception_class")).isEqualTo("InternalServerError");
        // The SMTP server keeps one copy per recipient: one mail to both is two copies, a mail sent twice four.
        List<MimeMessage> mails = new ArrayList<>();
        for (MimeMessage mail : smtp.getReceivedMessages()) {
            if (mail.getSubject().equals("Junction alert (High): LLM API call failed")
                    && GreenMailUtil.getBody(mail).contains("/failing/v1")) {
                mails.add(mail);
            }
        }
        assertThat(mails).hasSize(2);
        MimeMessage mail = mails.get(0);
        assertThat(mail.getFrom()[0].toString()).isEqualTo("alerts@junction.test");
        assertThat(Arrays.stream(mail.getAllRecipients()).map(Object::toString))
                .containsExactlyInAnyOrder("ops@ops.test", "oncall@oncall.test");
        assertThat(GreenMailUtil.getBody(mail))
                .contains("Type: llm_exceptions")
                .contains("exception_class: InternalServerError")
                .doesNotContain("sk-up");
    }

    @Test
    void each_deployment_is_checked_once_per_interval_by_the_cluster() throws Exception {
        long intervalMillis = INTERVAL.toMillis();
        // From the next interval boundary, watch four whole intervals.
        long from = (System.currentTimeMillis() / intervalMillis + 1) * intervalMillis;
        long to = from + 4 * intervalMillis;
        Thread.sleep(to - System.currentTimeMillis() + 500);
        for (String path : List.of("/hc-1/v1/chat/completions", "/hc-2/v1/chat/completions", "/hc-3/v1/embeddings")) {
            List<Instant> checks = shared.requests(path).stream()
                    .map(RecordedRequest::receivedAt)
                    .filter(at -> at.toEpochMilli() >= from && at.toEpochMilli() < to)
                    .toList();
            // One per interval; a check claimed late in an interval may land just past the window's edge.
            assertThat(checks).as(path).hasSizeBetween(3, 4);
            for (int i = 1; i < checks.size(); i++) {
                assertThat(Duration.between(checks.get(i - 1), checks.get(i)))
                        .as(path + " checked twice in one interval")
                        .isGreaterThan(INTERVAL.dividedBy(4));
            }
        }
        RecordedRequest embedding = shared.requests("/hc-3/v1/embeddings").get(0);
        assertThat(embedding.bodyAsJson().getJsonArray("input")).isEqualTo(new JsonArray().add("ping"));
    }

    @Test
    void both_nodes_answer_health_from_the_clusters_last_results() throws Exception {
        Thread.sleep(INTERVAL.toMillis() + 1_000);
        for (GatewayHarness node : List.of(a, b)) {
            HttpResponse<String> health = node.get("/health", "authorization", "Bearer " + MASTER);
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            JsonObject body = new JsonObject(health.body());
            assertThat(body.getInteger("healthy_count")).isEqualTo(4);
            assertThat(body.getInteger("unhealthy_count")).isEqualTo(2);
            assertThat(health.body()).doesNotContain("sk-up").doesNotContain("sk-secret-down");
            JsonObject down = body.getJsonArray("unhealthy_endpoints").stream()
                    .map(JsonObject.class::cast)
                    .filter(endpoint -> endpoint.getString("api_base").endsWith("/hc-down/v1"))
                    .findFirst()
                    .orElseThrow();
            assertThat(down.getString("model")).isEqualTo("openai/gpt-4o");
            // the upstream's 500, or this node's breaker that opened after the failed checks
            assertThat(down.getString("error")).containsAnyOf("InternalServerError", "circuit breaker open");
            PrometheusScrape scrape = PrometheusScrape.scrape(node);
            assertThat(scrape.sum("litellm_deployment_state", "model_id", down.getString("model_id")))
                    .isEqualTo(2);
        }
        assertThat(a.get("/health").statusCode()).isEqualTo(401);
    }

    @Test
    void each_report_leaves_once_per_period_with_the_calls_of_both_nodes() throws Exception {
        for (GatewayHarness node : List.of(a, b, a)) {
            HttpResponse<String> answered = node.post(
                    "/v1/chat/completions", chatBody("reported").encode(), "authorization", "Bearer " + MASTER);
            assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        }
        // Each node adds its counts to the cluster's within a second; a report leaves every 3 s.
        long deadline = System.currentTimeMillis() + 20_000;
        while (reportedRequests() < 3 && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
        }
        Thread.sleep(4_000); // a report sent twice, or the same calls counted twice, would arrive by now
        assertThat(reportedRequests()).isEqualTo(3);
        List<JsonObject> daily = events("daily_reports");
        assertThat(daily.stream().map(event -> event.getString("period"))).doesNotHaveDuplicates();
        List<JsonObject> spend = events("spend_reports");
        assertThat(spend.stream().map(event -> event.getString("period"))).doesNotHaveDuplicates();
        // gpt-4o's list prices: 1,000 prompt tokens at 2.5e-6 and 500 answer tokens at 1e-5, three times
        double reportedSpend = spend.stream()
                .mapToDouble(event -> event.getJsonObject("keys").getDouble("master key", 0.0))
                .sum();
        assertThat(reportedSpend).isCloseTo(3 * (1_000 * 2.5e-6 + 500 * 1e-5), within(1e-9));
        assertThat(shared.requests("/slack-hook").stream()
                        .map(hook -> hook.bodyAsJson().getString("text"))
                        .filter(text -> text.startsWith("*Daily Report*")))
                .hasSameSizeAs(daily)
                .anySatisfy(text ->
                        assertThat(text).contains("Top 5 slowest deployments").contains("`reported`"));
    }

    private static List<JsonObject> events(String type) {
        return shared.requests("/webhook").stream()
                .map(RecordedRequest::bodyAsJson)
                .filter(event -> type.equals(event.getString("event")))
                .toList();
    }

    private static long reportedRequests() {
        return events("daily_reports").stream()
                .flatMap(event -> event.getJsonArray("deployments").stream())
                .map(JsonObject.class::cast)
                .filter(deployment -> "reported".equals(deployment.getString("model_group")))
                .mapToLong(deployment -> deployment.getLong("requests"))
                .sum();
    }
}
