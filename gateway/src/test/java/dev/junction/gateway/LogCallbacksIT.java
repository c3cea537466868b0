package dev.junction.gateway;

import static dev.junction.gateway.E2eClient.chatBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.junction.testkit.Answer;
import dev.junction.testkit.OpenAiWire;
import dev.junction.testkit.RecordedRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code callbacks: ["generic_api", "langfuse"]}: each call's standard logging payload reaches the generic
 * HTTP logger, and a trace with its generation reaches Langfuse's ingestion API, both batched, with their
 * credentials; the fake upstream plays both receivers.
 */
class LogCallbacksIT {
    private static final String MASTER = "sk-master-obs";
    private static GatewayHarness gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayHarness.start(
                "/e2e/observability.yaml",
                Map.of("CALLBACKS", "[\"generic_api\", \"langfuse\"]", "ENVIRONMENT", ""),
                "junction-log-callbacks-" + UUID.randomUUID(),
                null);
        gateway.upstream
                .on("/steady/v1/chat/completions")
                .replyAlways(OpenAiWire.chat("gpt-4o")
                        .content("Hi there")
                        .usage(10, 5)
                        .answer());
        gateway.upstream.on("/generic-logger").replyAlways(Answer.raw(200, "text/plain", "ok"));
        gateway.upstream
                .on("/langfuse/api/public/ingestion")
                .replyAlways(Answer.json(
                        207, new JsonObject().put("successes", new JsonArray()).put("errors", new JsonArray())));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    private static HttpResponse<String> chat(JsonObject body) throws Exception {
        return gateway.post("/v1/chat/completions", body.encode(), "authorization", "Bearer " + MASTER);
    }

    @Test
    void the_generic_logger_gets_the_standard_logging_payload_of_each_call() throws Exception {
        HttpResponse<String> answer = chat(chatBody("steady", "Hello logger").put("user", "end-user-7"));
        assertThat(answer.statusCode()).isEqualTo(200);
        String callId = answer.headers().firstValue("x-litellm-call-id").orElseThrow();
        JsonObject payload = await("/generic-logger", item -> callId.equals(item.getString("id")));
        assertThat(payload.getString("status")).isEqualTo("success");
        assertThat(payload.getString("call_type")).isEqualTo("acompletion");
        assertThat(payload.getString("model")).isEqualTo("gpt-4o");
        assertThat(payload.getString("model_group")).isEqualTo("steady");
        assertThat(payload.getString("custom_llm_provider")).isEqualTo("openai");
        assertThat(payload.getLong("prompt_tokens")).isEqualTo(10);
        assertThat(payload.getLong("completion_tokens")).isEqualTo(5);
        assertThat(payload.getDouble("response_cost")).isCloseTo(0.02, within(1e-9));
        assertThat(payload.getString("end_user")).isEqualTo("end-user-7");
        assertThat(payload.getValue("messages").toString()).contains("Hello logger");
        assertThat(payload.getJsonObject("response").encode()).contains("Hi there");
        assertThat(payload.getDouble("endTime")).isGreaterThanOrEqualTo(payload.getDouble("startTime"));
        RecordedRequest post = posts("/generic-logger").stream()
                .filter(request -> request.bodyAsString().contains(callId))
                .findFirst()
                .orElseThrow();
        assertThat(post.header("authorization")).isEqualTo("Bearer logger-token");
        assertThat(post.header("x-source")).isEqualTo("junction");
        assertThat(post.bodyAsString()).doesNotContain(MASTER).doesNotContain("sk-up");
    }

    @Test
    void a_failed_call_is_logged_as_a_failure_with_its_error() throws Exception {
        HttpResponse<String> refused = chat(new JsonObject().put("model", "steady"));
        assertThat(refused.statusCode()).isEqualTo(400);
        String callId = refused.headers().firstValue("x-litellm-call-id").orElse(null);
        JsonObject payload = await(
                "/generic-logger",
                item -> "failure".equals(item.getString("status"))
                        && (callId == null || callId.equals(item.getString("id"))));
        JsonObject error = payload.getJsonObject("error_information");
        assertThat(error.getString("error_class")).isEqualTo("BadRequestError");
        assertThat(error.getString("error_code")).isEqualTo("400");
    }

    @Test
    void langfuse_gets_a_trace_and_its_generation_through_the_ingestion_api() throws Exception {
        HttpResponse<String> answer = chat(chatBody("steady", "Hello langfuse"));
        assertThat(answer.statusCode()).isEqualTo(200);
        String callId = answer.headers().firstValue("x-litellm-call-id").orElseThrow();
        JsonObject generation = awaitEvent("generation-create", callId);
        JsonObject body = generation.getJsonObject("body");
        assertThat(body.getString("traceId")).isEqualTo(callId);
        assertThat(body.getString("model")).isEqualTo("gpt-4o");
        assertThat(body.getJsonObject("usage").getLong("input")).isEqualTo(10);
        assertThat(body.getJsonObject("usage").getLong("output")).isEqualTo(5);
        assertThat(body.getJsonObject("costDetails").getDouble("total")).isCloseTo(0.02, within(1e-9));
        assertThat(body.getString("level")).isEqualTo("DEFAULT");
        JsonObject trace = awaitEvent("trace-create", callId);
        assertThat(trace.getJsonObject("body").getValue("input").toString()).contains("Hello langfuse");
        String auth = posts("/langfuse/api/public/ingestion").get(0).header("authorization");
        assertThat(auth)
                .isEqualTo("Basic "
                        + Base64.getEncoder().encodeToString("pk-lf-test:sk-lf-test".getBytes(StandardCharsets.UTF_8)));
    }

    private static List<RecordedRequest> posts(String path) {
        return gateway.upstream.requests(path);
    }

    /** The first item of the JSON arrays posted to {@code path} that {@code wanted} accepts; waits up to 15 s. */
    private static JsonObject await(String path, Predicate<JsonObject> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (RecordedRequest post : posts(path)) {
                for (Object item : new JsonArray(post.bodyAsString())) {
                    if (wanted.test((JsonObject) item)) {
                        return (JsonObject) item;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nothing matching reached " + path);
    }

    private static JsonObject awaitEvent(String type, String callId) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (RecordedRequest post : posts("/langfuse/api/public/ingestion")) {
                for (Object item : post.bodyAsJson().getJsonArray("batch")) {
                    JsonObject event = (JsonObject) item;
                    JsonObject body = event.getJsonObject("body");
                    if (type.equals(event.getString("type"))
                            && (callId.equals(body.getString("id")) || callId.equals(body.getString("traceId")))) {
                        return event;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + type + " for " + callId + " reached Langfuse");
    }
}
