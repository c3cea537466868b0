package dev.junction.bench.jmh;

import dev.junction.cluster.bus.Cancellation;
import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.RoutedReply;
import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.observe.AttemptObservation;
import dev.junction.cluster.observe.AttemptStart;
import dev.junction.cluster.observe.CallEnd;
import dev.junction.cluster.observe.CallObservation;
import dev.junction.cluster.observe.CallObserver;
import dev.junction.cluster.observe.CallStart;
import dev.junction.cluster.observe.CallerLabels;
import dev.junction.config.Deployment;
import dev.junction.config.ProviderFamily;
import dev.junction.config.ProviderSpec;
import dev.junction.gateway.observe.metrics.CallMetrics;
import dev.junction.gateway.observe.tracing.CallTracing;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What observing one call costs the request path: the events of a successful call with one attempt (open,
 * parsed, attempt started, its upstream headers, attempt succeeded, ended), told to no observer, to the
 * Prometheus metrics, to the tracing (spans built and handed to a batch processor whose exporter drops them),
 * and to both.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class ObserverBenchmark {
    @Param({"none", "metrics", "tracing", "metrics+tracing"})
    public String observers;

    private CallObserver observer;
    private SdkTracerProvider tracerProvider;
    private Deployment deployment;
    private LlmRequest request;
    private RoutedReply routed;
    private CallerLabels caller;
    private final Usage usage = new Usage(26, 19, 45);
    private final Buffer body = Buffer.buffer("{\"choices\":[]}");

    @Setup(Level.Trial)
    public void setUp() {
        CallObserver metrics = new CallMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        tracerProvider = SdkTracerProvider.builder()
                .addSpanProcessor(BatchSpanProcessor.builder(new Dropping()).build())
                .build();
        CallObserver tracing =
                new CallTracing(tracerProvider.get("bench"), W3CTraceContextPropagator.getInstance(), true);
        observer = switch (observers) {
            case "metrics" -> metrics;
            case "tracing" -> tracing;
            case "metrics+tracing" -> CallObserver.all(List.of(metrics, tracing));
            default -> CallObserver.NONE;
        };
        deployment = new Deployment(
                "deployment-1",
                "gpt-4o",
                "openai/gpt-4o",
                new ProviderSpec("openai", ProviderFamily.values()[0], "https://api.openai.com/v1", null),
                "gpt-4o",
                "https://api.openai.com/v1",
                null,
                new JsonObject().put("model", "openai/gpt-4o"),
                new JsonObject());
        JsonObject chat = new JsonObject()
                .put("model", "gpt-4o")
                .put(
                        "messages",
                        new JsonArray().add(new JsonObject().put("role", "user").put("content", "Hello")));
        request = new LlmRequest(
                "call-1", Endpoint.CHAT_COMPLETIONS, "gpt-4o", chat, null, false, null, new Cancellation(), 0);
        routed = new RoutedReply(
                new ProviderReply.Complete(body, usage, "stop"), deployment, "gpt-4o", 0, 0, 1_000_000, Map.of());
        caller = new CallerLabels("hash", "alias", "team", "team-alias", "user");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        tracerProvider.close();
    }

    @Benchmark
    public void observeOneCall(Blackhole sink) {
        if (!observer.active()) {
            sink.consume(observer);
            return;
        }
        long now = System.nanoTime();
        CallObservation call = observer.open(
                new CallStart(null, "/v1/chat/completions", caller, null, null, null, now, System.currentTimeMillis()));
        call.parsed(request);
        AttemptObservation attempt = call.attemptStarted(new AttemptStart(deployment, "gpt-4o", 0, now, now));
        sink.consume(attempt.upstreamHeaders());
        attempt.succeeded(usage, "stop");
        call.ended(new CallEnd(200, null, routed, usage, 0.001, body, System.nanoTime()));
    }

    /** An exporter that takes every span and keeps none. */
    private static final class Dropping implements SpanExporter {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
