package dev.junction.gateway.observe.tracing;

import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.GatewayException;
import dev.junction.cluster.observe.AttemptObservation;
import dev.junction.cluster.observe.AttemptStart;
import dev.junction.cluster.observe.CallEnd;
import dev.junction.cluster.observe.CallObservation;
import dev.junction.cluster.observe.CallObserver;
import dev.junction.cluster.observe.CallStart;
import dev.junction.cluster.observe.KeyCheck;
import dev.junction.config.Deployment;
import dev.junction.config.PublicUrl;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code callbacks: ["otel"]}: one trace per call, continued from the client's W3C {@code traceparent}. The
 * call's span ({@code litellm_request}, server) has a child span for each key or budget check, for each
 * routing decision, and for each attempt on a deployment (client, named {@code <operation> <model>} as the
 * GenAI conventions name it), whose context goes upstream in the attempt's {@code traceparent}; retries and
 * fallbacks are sibling attempts, fallbacks also events on the call's span. Messages and answers are recorded
 * only while message logging is on ({@code turn_off_message_logging} not set).
 */
public final class CallTracing implements CallObserver {
    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final boolean messageLogging;

    public CallTracing(Tracer tracer, TextMapPropagator propagator, boolean messageLogging) {
        this.tracer = tracer;
        this.propagator = propagator;
        this.messageLogging = messageLogging;
    }

    @Override
    public CallObservation open(CallStart start) {
        Map<String, String> incoming = new HashMap<>(2);
        if (start.traceparent() != null) {
            incoming.put("traceparent", start.traceparent());
            if (start.tracestate() != null) {
                incoming.put("tracestate", start.tracestate());
            }
        }
        Context parent = propagator.extract(Context.root(), incoming, Headers.GETTER);
        Span span = tracer.spanBuilder("litellm_request")
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setStartTimestamp(start.receivedEpochMillis(), TimeUnit.MILLISECONDS)
                .setAttribute(GenAi.HTTP_ROUTE, start.route())
                .startSpan();
        setIfPresent(span, GenAi.CALL_ID, start.callId());
        if (start.caller().keyHash() != null) {
            span.setAttribute(GenAi.KEY_HASH, start.caller().keyHash());
            setIfPresent(span, GenAi.KEY_ALIAS, start.caller().keyAlias());
            setIfPresent(span, GenAi.TEAM, start.caller().teamId());
        }
        return new Call(span, new Clock(start.receivedNanos(), start.receivedEpochMillis()));
    }

    /** Turns {@link System#nanoTime()} readings of this call into epoch nanoseconds. */
    private record Clock(long baseNanoTime, long baseEpochMillis) {
        long epochNanos(long nanoTime) {
            return TimeUnit.MILLISECONDS.toNanos(baseEpochMillis) + (nanoTime - baseNanoTime);
        }
    }

    private final class Call implements CallObservation {
        private final Span span;
        private final Clock clock;
        private final Context context;
        private volatile String operation = "chat";

        Call(Span span, Clock clock) {
            this.span = span;
            this.clock = clock;
            this.context = Context.root().with(span);
        }

        @Override
        public void parsed(LlmRequest request) {
            operation = GenAi.operation(request.endpoint());
            span.setAttribute(GenAi.CALL_ID, request.callId());
            span.setAttribute(GenAi.OPERATION, operation);
            span.setAttribute(GenAi.REQUEST_MODEL, request.model());
            span.setAttribute(GenAi.STREAM, request.stream());
            if (request.body().getValue("max_tokens") instanceof Number max) {
                span.setAttribute(GenAi.REQUEST_MAX_TOKENS, max.longValue());
            }
            if (request.body().getValue("temperature") instanceof Number temperature) {
                span.setAttribute(GenAi.REQUEST_TEMPERATURE, temperature.doubleValue());
            }
            if (messageLogging) {
                Object input = request.body().getValue("messages");
                if (input == null) {
                    input = request.body().getValue(request.body().containsKey("prompt") ? "prompt" : "input");
                }
                setIfPresent(span, GenAi.INPUT_MESSAGES, input == null ? null : io.vertx.core.json.Json.encode(input));
            }
        }

        @Override
        public void keyChecked(KeyCheck check) {
            tracer.spanBuilder(check.kind().equals(KeyCheck.BUDGET) ? "budget_check" : "key_rate_limit_check")
                    .setParent(context)
                    .setStartTimestamp(clock.epochNanos(check.startedNanos()), TimeUnit.NANOSECONDS)
                    .setAttribute(GenAi.CHECK_SUBJECT, check.subject())
                    .setAttribute(GenAi.ADMITTED, check.admitted())
                    .startSpan()
                    .setStatus(check.admitted() ? StatusCode.OK : StatusCode.ERROR)
                    .end(clock.epochNanos(check.endedNanos()), TimeUnit.NANOSECONDS);
        }

        @Override
        public AttemptObservation attemptStarted(AttemptStart attempt) {
            Deployment deployment = attempt.deployment();
            tracer.spanBuilder("router")
                    .setParent(context)
                    .setStartTimestamp(clock.epochNanos(attempt.choosingNanos()), TimeUnit.NANOSECONDS)
                    .setAttribute(GenAi.MODEL_GROUP, attempt.modelGroup())
                    .setAttribute(GenAi.MODEL_ID, deployment.id())
                    .setAttribute(GenAi.RETRY, (long) attempt.retry())
                    .startSpan()
                    .end(clock.epochNanos(attempt.startedNanos()), TimeUnit.NANOSECONDS);
            String provider = deployment.provider().prefix();
            Span call = tracer.spanBuilder(operation + " " + deployment.upstreamModel())
                    .setParent(context)
                    .setSpanKind(SpanKind.CLIENT)
                    .setStartTimestamp(clock.epochNanos(attempt.startedNanos()), TimeUnit.NANOSECONDS)
                    .setAttribute(GenAi.OPERATION, operation)
                    .setAttribute(GenAi.SYSTEM, provider)
                    .setAttribute(GenAi.PROVIDER, provider)
                    .setAttribute(GenAi.REQUEST_MODEL, deployment.upstreamModel())
                    .setAttribute(GenAi.MODEL_GROUP, attempt.modelGroup())
                    .setAttribute(GenAi.MODEL_ID, deployment.id())
                    .setAttribute(GenAi.RETRY, (long) attempt.retry())
                    .startSpan();
            if (deployment.apiBase() != null) {
                call.setAttribute(GenAi.API_BASE, PublicUrl.of(deployment.apiBase()));
            }
            return new Attempt(call);
        }

        @Override
        public void fallbackStarted(String fromGroup, String fallbackGroup, GatewayException error) {
            span.addEvent(
                    "fallback",
                    Attributes.of(
                            GenAi.FALLBACK_FROM,
                            fromGroup,
                            GenAi.FALLBACK_TO,
                            fallbackGroup,
                            GenAi.ERROR_TYPE,
                            error.kind().litellmName()));
        }

        @Override
        public void fallbackEnded(String fallbackGroup, boolean succeeded) {
            span.addEvent(
                    "fallback_ended", Attributes.of(GenAi.FALLBACK_TO, fallbackGroup, GenAi.FALLBACK_OK, succeeded));
        }

        @Override
        public void firstToken(long nanoTime) {
            span.addEvent("first_token", clock.epochNanos(nanoTime), TimeUnit.NANOSECONDS);
        }

        @Override
        public void ended(CallEnd end) {
            span.setAttribute(GenAi.HTTP_STATUS, (long) end.status());
            if (end.routed() != null) {
                span.setAttribute(
                        GenAi.RESPONSE_MODEL, end.routed().deployment().upstreamModel());
                span.setAttribute(GenAi.MODEL_GROUP, end.routed().modelGroup());
                span.setAttribute(GenAi.MODEL_ID, end.routed().deployment().id());
            }
            Usage usage = end.usage();
            if (usage.totalTokens() > 0) {
                span.setAttribute(GenAi.INPUT_TOKENS, usage.promptTokens());
                span.setAttribute(GenAi.OUTPUT_TOKENS, usage.completionTokens());
            }
            if (end.cost() > 0) {
                span.setAttribute(GenAi.COST, end.cost());
            }
            if (messageLogging && end.responseBody() != null) {
                span.setAttribute(GenAi.OUTPUT_MESSAGES, end.responseBody().toString());
            }
            if (end.succeeded()) {
                span.setStatus(StatusCode.OK);
            } else {
                span.setAttribute(GenAi.ERROR_TYPE, end.error().kind().litellmName());
                span.setStatus(StatusCode.ERROR, end.error().getMessage());
            }
            span.end(clock.epochNanos(end.endedNanos()), TimeUnit.NANOSECONDS);
        }
    }

    private final class Attempt implements AttemptObservation {
        private final Span span;

        Attempt(Span span) {
            this.span = span;
        }

        @Override
        public Map<String, String> upstreamHeaders() {
            Map<String, String> headers = new HashMap<>(2);
            propagator.inject(Context.root().with(span), headers, Headers.SETTER);
            return headers;
        }

        @Override
        public void succeeded(Usage usage, String finishReason) {
            span.setAttribute(GenAi.INPUT_TOKENS, usage.promptTokens());
            span.setAttribute(GenAi.OUTPUT_TOKENS, usage.completionTokens());
            if (finishReason != null) {
                span.setAttribute(GenAi.FINISH_REASONS, List.of(finishReason));
            }
            span.setStatus(StatusCode.OK);
            span.end();
        }

        @Override
        public void failed(GatewayException error) {
            span.setAttribute(GenAi.ERROR_TYPE, error.kind().litellmName());
            span.setAttribute(GenAi.HTTP_STATUS, (long) error.kind().httpStatus());
            span.setStatus(StatusCode.ERROR, error.getMessage());
            span.end();
        }

        @Override
        public void cooledDown(Duration duration, GatewayException error) {
            span.addEvent(
                    "deployment_cooled_down",
                    Attributes.of(GenAi.ERROR_TYPE, error.kind().litellmName()));
        }
    }

    private static <T> void setIfPresent(Span span, io.opentelemetry.api.common.AttributeKey<T> key, T value) {
        if (value != null) {
            span.setAttribute(key, value);
        }
    }
}
