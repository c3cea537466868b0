package dev.junction.gateway.observe.tracing;

import dev.junction.cluster.observe.CallObserver;
import dev.junction.config.ObservabilitySettings;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.util.concurrent.TimeUnit;

/** {@code callbacks: ["otel"]}: the SDK, and the observer that records calls into it. Closing flushes. */
public final class Tracing implements AutoCloseable {
    private final OpenTelemetrySdk sdk;
    private final CallTracing observer;

    private Tracing(OpenTelemetrySdk sdk, CallTracing observer) {
        this.sdk = sdk;
        this.observer = observer;
    }

    public static Tracing start(ObservabilitySettings settings) {
        OpenTelemetrySdk sdk = OtelSdk.build(settings);
        return new Tracing(
                sdk,
                new CallTracing(
                        sdk.getTracer("dev.junction.gateway"),
                        W3CTraceContextPropagator.getInstance(),
                        settings.messageLogging()));
    }

    public CallObserver observer() {
        return observer;
    }

    @Override
    public void close() {
        sdk.getSdkTracerProvider().forceFlush().join(5, TimeUnit.SECONDS);
        sdk.close();
    }
}
