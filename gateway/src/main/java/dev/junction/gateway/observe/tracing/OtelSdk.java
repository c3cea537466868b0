package dev.junction.gateway.observe.tracing;

import dev.junction.config.ObservabilitySettings;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The OpenTelemetry SDK as the environment configures it: the standard {@code OTEL_*} variables (read by the
 * SDK's own autoconfiguration: {@code OTEL_EXPORTER_OTLP_ENDPOINT}, {@code OTEL_EXPORTER_OTLP_HEADERS}, {@code
 * OTEL_EXPORTER_OTLP_PROTOCOL}, {@code OTEL_TRACES_SAMPLER}, {@code OTEL_RESOURCE_ATTRIBUTES}, ...), with
 * LiteLLM's own names on top: {@code OTEL_EXPORTER} ({@code console}, {@code otlp_http}, {@code otlp_grpc}),
 * {@code OTEL_ENDPOINT} and {@code OTEL_HEADERS}. Only traces are exported.
 */
final class OtelSdk {
    static final String DEFAULT_SERVICE_NAME = "junction";

    private OtelSdk() {}

    static OpenTelemetrySdk build(ObservabilitySettings settings) {
        Map<String, String> properties = properties(settings.variables());
        return AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesCustomizer(config -> properties)
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
    }

    /** The SDK's properties: every {@code OTEL_*} variable as its property, LiteLLM's names translated. */
    static Map<String, String> properties(Map<String, String> variables) {
        Map<String, String> properties = new HashMap<>();
        variables.forEach((name, value) -> {
            if (name.startsWith("OTEL_") && value != null && !value.isBlank()) {
                properties.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        properties.put("otel.metrics.exporter", "none");
        properties.put("otel.logs.exporter", "none");
        properties.putIfAbsent("otel.service.name", DEFAULT_SERVICE_NAME);
        String exporter = variables.get("OTEL_EXPORTER");
        boolean standardEndpoint = variables.containsKey("OTEL_EXPORTER_OTLP_ENDPOINT")
                || variables.containsKey("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
        if (exporter == null) {
            properties.putIfAbsent("otel.traces.exporter", standardEndpoint ? "otlp" : "console");
        } else {
            liteLlmExporter(exporter, variables, properties);
        }
        return properties;
    }

    private static void liteLlmExporter(
            String exporter, Map<String, String> variables, Map<String, String> properties) {
        properties.remove("otel.exporter");
        String endpoint = variables.get("OTEL_ENDPOINT");
        String headers = variables.get("OTEL_HEADERS");
        switch (exporter.toLowerCase(Locale.ROOT)) {
            case "console" -> properties.put("otel.traces.exporter", "console");
            case "otlp_http", "otlp", "http/protobuf" -> {
                properties.put("otel.traces.exporter", "otlp");
                properties.put("otel.exporter.otlp.traces.protocol", "http/protobuf");
                if (endpoint != null) {
                    properties.put("otel.exporter.otlp.traces.endpoint", tracesPath(endpoint));
                }
            }
            case "otlp_grpc", "grpc" -> {
                properties.put("otel.traces.exporter", "otlp");
                properties.put("otel.exporter.otlp.traces.protocol", "grpc");
                if (endpoint != null) {
                    properties.put("otel.exporter.otlp.traces.endpoint", endpoint);
                }
            }
            default -> throw new IllegalArgumentException(
                    "OTEL_EXPORTER must be console, otlp_http or otlp_grpc, got '" + exporter + "'");
        }
        if (headers != null) {
            properties.put("otel.exporter.otlp.traces.headers", headers);
        }
        properties.remove("otel.endpoint");
        properties.remove("otel.headers");
    }

    /** LiteLLM takes the collector's base URL for OTLP over HTTP; the SDK wants the traces path itself. */
    static String tracesPath(String endpoint) {
        String trimmed = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        return trimmed.endsWith("/v1/traces") ? trimmed : trimmed + "/v1/traces";
    }
}
