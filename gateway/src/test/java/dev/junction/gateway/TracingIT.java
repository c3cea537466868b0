package dev.junction.gateway;

import static dev.junction.gateway.E2eClient.chatBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.junction.testkit.OpenAiWire;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code callbacks: ["otel"]} with LiteLLM's {@code OTEL_EXPORTER}/{@code OTEL_ENDPOINT}/{@code OTEL_HEADERS}:
 * the spans of real calls, as a real OTLP/HTTP receiver decodes them.
 */
class TracingIT {
    private static final String MASTER = "sk-master-obs";
    private static final String CLIENT_TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String CLIENT_SPAN = "b7ad6b7169203331";
    private static Vertx vertx;
    private static OtlpReceiver collector;
    private static GatewayHarness gateway;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        collector = OtlpReceiver.start(vertx);
        String environment = String.join(
                "\n",
                "  OTEL_EXPORTER: otlp_http",
                "  OTEL_ENDPOINT: \"" + collector.endpoint() + "\"",
                "  OTEL_HEADERS: \"x-collector-token=t0ken\"",
                "  OTEL_BSP_SCHEDULE_DELAY: \"50\"");
        gateway = GatewayHarness.start(
                "/e2e/observability.yaml",
                Map.of("CALLBACKS", "[\"otel\"]", "ENVIRONMENT", environment),
                "junction-tracing-" + UUID.randomUUID(),
                null);
        gateway.upstream
                .on("/steady/v1/chat/completions")
                .replyAlways(OpenAiWire.chat("gpt-4o").usage(10, 5).answer());
        gateway.upstream.on("/broken/v1/chat/completions").replyAlways(OpenAiWire.serverError());
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        collector.close();
        GatewayHarness.await(vertx.close());
    }

    @Test
    void a_call_is_one_trace_continued_from_the_client_with_checks_routing_and_each_attempt() throws Exception {
        JsonObject key = new JsonObject(gateway.post(
                        "/key/generate",
                        new JsonObject()
                                .put("rpm_limit", 100)
                                .put("max_budget", 10)
                                .encode(),
                        "authorization",
                        "Bearer " + MASTER)
                .body());
        HttpResponse<String> answer = gateway.post(
                "/v1/chat/completions",
                chatBody("broken", "Hello tracer").encode(),
                "authorization",
                "Bearer " + key.getString("key"),
                "traceparent",
                "00-" + CLIENT_TRACE + "-" + CLIENT_SPAN + "-01");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);

        Span root = awaitSpan(span -> span.getName().equals("litellm_request")
                && hex(span.getTraceId()).equals(CLIENT_TRACE));
        assertThat(hex(root.getTraceId())).isEqualTo(CLIENT_TRACE);
        assertThat(hex(root.getParentSpanId())).isEqualTo(CLIENT_SPAN);
        assertThat(root.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(string(root, "gen_ai.request.model")).isEqualTo("broken");
        assertThat(string(root, "gen_ai.operation.name")).isEqualTo("chat");
        assertThat(number(root, "http.response.status_code")).isEqualTo(200);
        assertThat(number(root, "gen_ai.usage.input_tokens")).isEqualTo(10);
        assertThat(number(root, "gen_ai.usage.output_tokens")).isEqualTo(5);
        assertThat(string(root, "gen_ai.input.messages")).contains("Hello tracer");
        assertThat(string(root, "gen_ai.output.messages")).contains("choices");
        assertThat(root.getEventsList())
                .anySatisfy(event -> assertThat(event.getName()).isEqualTo("fallback"));

        List<Span> children = childrenOf(root);
        assertThat(children)
                .extracting(Span::getName)
                .contains("key_rate_limit_check", "budget_check", "router", "chat gpt-4o-mini", "chat gpt-4o");
        Span failed = named(children, "chat gpt-4o-mini");
        assertThat(failed.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
        assertThat(failed.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(string(failed, "error.type")).isEqualTo("InternalServerError");
        assertThat(string(failed, "litellm.model_group")).isEqualTo("broken");
        Span fallback = named(children, "chat gpt-4o");
        assertThat(fallback.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_OK);
        assertThat(string(fallback, "litellm.model_group")).isEqualTo("steady");
        assertThat(string(fallback, "gen_ai.system")).isEqualTo("openai");
        assertThat(number(fallback, "gen_ai.usage.input_tokens")).isEqualTo(10);
        assertThat(fallback.getAttributesList())
                .anySatisfy(attribute -> assertThat(attribute.getKey()).isEqualTo("gen_ai.response.finish_reasons"));
        // The upstream received the fallback attempt's span as its parent.
        assertThat(gateway.upstream
                        .requests("/steady/v1/chat/completions")
                        .get(0)
                        .header("traceparent"))
                .isEqualTo("00-" + CLIENT_TRACE + "-" + hex(fallback.getSpanId()) + "-01");
        assertThat(gateway.upstream
                        .requests("/broken/v1/chat/completions")
                        .get(0)
                        .header("traceparent"))
                .isEqualTo("00-" + CLIENT_TRACE + "-" + hex(failed.getSpanId()) + "-01");
        assertThat(collector.lastHeader("x-collector-token")).isEqualTo("t0ken");
        assertThat(collector.serviceNames()).contains("junction");
    }

    @Test
    void a_call_without_a_traceparent_starts_its_own_trace_and_a_refused_one_is_an_error_span() throws Exception {
        HttpResponse<String> refused = gateway.post(
                "/v1/chat/completions",
                new JsonObject().put("model", "steady").encode(),
                "authorization",
                "Bearer " + MASTER,
                "x-litellm-call-id",
                "refused-call");
        assertThat(refused.statusCode()).isEqualTo(400);
        Span span = awaitSpan(each -> each.getName().equals("litellm_request")
                && "refused-call".equals(optionalString(each, "litellm.call_id")));
        assertThat(span.getParentSpanId()).isEmpty();
        assertThat(span.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(string(span, "error.type")).isEqualTo("BadRequestError");
    }

    private static Span awaitSpan(Predicate<Span> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (Span span : collector.spans()) {
                if (wanted.test(span)) {
                    return span;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError(
                "the span did not reach the collector; got " + collector.spans().size());
    }

    private static String optionalString(Span span, String key) {
        return span.getAttributesList().stream()
                .filter(kv -> kv.getKey().equals(key))
                .map(kv -> kv.getValue().getStringValue())
                .findFirst()
                .orElse(null);
    }

    /** The children of {@code parent}, once every span of its trace has arrived. */
    private static List<Span> childrenOf(Span parent) throws InterruptedException {
        Thread.sleep(500);
        return collector.spans().stream()
                .filter(span -> span.getParentSpanId().equals(parent.getSpanId()))
                .toList();
    }

    private static Span named(List<Span> spans, String name) {
        return spans.stream()
                .filter(span -> span.getName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static String string(Span span, String key) {
        return attribute(span, key).getValue().getStringValue();
    }

    private static long number(Span span, String key) {
        return attribute(span, key).getValue().getIntValue();
    }

    private static KeyValue attribute(Span span, String key) {
        return span.getAttributesList().stream()
                .filter(kv -> kv.getKey().equals(key))
                .findFirst()
                .orElseThrow(() -> new AssertionError("span " + span.getName() + " has no " + key));
    }

    private static String hex(ByteString bytes) {
        return HexFormat.of().formatHex(bytes.toByteArray());
    }
}
