package dev.junction.gateway.observe.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cluster.bus.Cancellation;
import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.observe.CallEnd;
import dev.junction.cluster.observe.CallObservation;
import dev.junction.cluster.observe.CallStart;
import dev.junction.cluster.observe.CallerLabels;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallTracingTest {
    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build();

    private SpanData traceOneCall(boolean messageLogging) {
        CallTracing tracing =
                new CallTracing(provider.get("test"), W3CTraceContextPropagator.getInstance(), messageLogging);
        long now = System.nanoTime();
        CallObservation call = tracing.open(new CallStart(
                "call-1",
                "/v1/chat/completions",
                CallerLabels.ADMIN,
                null,
                null,
                null,
                now,
                System.currentTimeMillis()));
        JsonObject body = new JsonObject()
                .put("model", "gpt-4o")
                .put(
                        "messages",
                        new JsonArray().add(new JsonObject().put("role", "user").put("content", "secret plan")));
        call.parsed(new LlmRequest(
                "call-1", Endpoint.CHAT_COMPLETIONS, "gpt-4o", body, null, false, null, new Cancellation(), now));
        call.ended(new CallEnd(
                200, null, null, new Usage(3, 2, 5), 0, Buffer.buffer("{\"answer\":\"the plan\"}"), System.nanoTime()));
        return exporter.getFinishedSpanItems().get(0);
    }

    @Test
    void messages_and_answers_are_recorded_while_message_logging_is_on() {
        SpanData span = traceOneCall(true);
        assertThat(span.getAttributes().get(GenAi.INPUT_MESSAGES)).contains("secret plan");
        assertThat(span.getAttributes().get(GenAi.OUTPUT_MESSAGES)).contains("the plan");
        assertThat(span.getAttributes().get(GenAi.INPUT_TOKENS)).isEqualTo(3);
    }

    @Test
    void turn_off_message_logging_keeps_messages_and_answers_out_of_spans() {
        SpanData span = traceOneCall(false);
        assertThat(span.getAttributes().get(GenAi.INPUT_MESSAGES)).isNull();
        assertThat(span.getAttributes().get(GenAi.OUTPUT_MESSAGES)).isNull();
        assertThat(span.getAttributes().asMap().toString())
                .doesNotContain("secret plan")
                .doesNotContain("the plan");
        assertThat(span.getAttributes().get(GenAi.OUTPUT_TOKENS)).isEqualTo(2);
    }

    @Test
    void litellm_exporter_variables_become_the_sdks_properties() {
        Map<String, String> http = OtelSdk.properties(
                Map.of("OTEL_EXPORTER", "otlp_http", "OTEL_ENDPOINT", "http://collector:4318", "OTEL_HEADERS", "a=b"));
        assertThat(http)
                .containsEntry("otel.traces.exporter", "otlp")
                .containsEntry("otel.exporter.otlp.traces.protocol", "http/protobuf")
                .containsEntry("otel.exporter.otlp.traces.endpoint", "http://collector:4318/v1/traces")
                .containsEntry("otel.exporter.otlp.traces.headers", "a=b")
                .containsEntry("otel.metrics.exporter", "none")
                .containsEntry("otel.service.name", "junction");
        Map<String, String> standard = OtelSdk.properties(
                Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317", "OTEL_SERVICE_NAME", "gw"));
        assertThat(standard)
                .containsEntry("otel.traces.exporter", "otlp")
                .containsEntry("otel.exporter.otlp.endpoint", "http://collector:4317")
                .containsEntry("otel.service.name", "gw");
        assertThat(OtelSdk.properties(Map.of())).containsEntry("otel.traces.exporter", "console");
    }
}
