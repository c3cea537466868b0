package dev.junction.gateway.observe.metrics;

import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.cluster.observe.AttemptObservation;
import dev.junction.cluster.observe.AttemptStart;
import dev.junction.cluster.observe.CallEnd;
import dev.junction.cluster.observe.CallObservation;
import dev.junction.cluster.observe.CallObserver;
import dev.junction.cluster.observe.CallStart;
import dev.junction.cluster.observe.CallerLabels;
import dev.junction.config.Deployment;
import dev.junction.config.PublicUrl;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts every call and every attempt into LiteLLM's Prometheus metrics. The series of a successful call are
 * looked up once per combination of labels ({@link SuccessMeters}); failures, fallbacks and cooldowns, rarer,
 * look up each series.
 */
public final class CallMetrics implements CallObserver {
    private static final Map<String, String> PUBLIC_BASES = new ConcurrentHashMap<>();

    private final LitellmMeters meters;
    private final Map<SuccessMeters.Key, SuccessMeters> successes = new ConcurrentHashMap<>();

    public CallMetrics(MeterRegistry registry) {
        this.meters = new LitellmMeters(registry);
    }

    @Override
    public CallObservation open(CallStart start) {
        return new Call(start);
    }

    private SuccessMeters success(Call call, Deployment deployment, String group) {
        SuccessMeters.Key key = new SuccessMeters.Key(
                call.endUser, call.who, call.requestedModel, call.start.route(), deployment.id(), group);
        SuccessMeters found = successes.get(key);
        return found != null ? found : successes.computeIfAbsent(key, k -> new SuccessMeters(meters, k, deployment));
    }

    private final class Call implements CallObservation {
        private final CallStart start;
        private final CallerLabels who;
        private volatile String requestedModel;
        private volatile String endUser;
        private volatile AttemptStart lastAttempt;
        private volatile GatewayException fallbackCause;

        Call(CallStart start) {
            this.start = start;
            this.who = start.caller();
        }

        @Override
        public void parsed(LlmRequest request) {
            requestedModel = request.model();
            endUser = request.body().getValue("user") instanceof String user ? user : null;
        }

        @Override
        public AttemptObservation attemptStarted(AttemptStart attempt) {
            lastAttempt = attempt;
            return new Attempt(this, attempt);
        }

        @Override
        public void fallbackStarted(String fromGroup, String fallbackGroup, GatewayException error) {
            fallbackCause = error;
        }

        @Override
        public void fallbackEnded(String fallbackGroup, boolean succeeded) {
            GatewayException cause = fallbackCause;
            (succeeded ? meters.successfulFallbacks : meters.failedFallbacks)
                    .with(
                            requestedModel,
                            fallbackGroup,
                            who.keyHash(),
                            who.keyAlias(),
                            who.teamId(),
                            who.teamAlias(),
                            cause == null ? null : status(cause),
                            cause == null ? null : cause.kind().litellmName())
                    .increment();
        }

        @Override
        public void firstToken(long nanoTime) {
            AttemptStart attempt = lastAttempt;
            if (attempt != null) {
                success(this, attempt.deployment(), attempt.modelGroup())
                        .timeToFirstToken
                        .record(seconds(nanoTime - attempt.startedNanos()));
            }
        }

        @Override
        public void ended(CallEnd end) {
            if (end.succeeded() && end.routed() != null) {
                recordSuccess(end);
                return;
            }
            AttemptStart attempt = lastAttempt;
            String modelId = end.routed() != null
                    ? end.routed().deployment().id()
                    : attempt == null ? null : attempt.deployment().id();
            String status = Integer.toString(end.status());
            meters.proxyTotal
                    .with(who(endUser, who, requestedModel, status, start.route(), modelId))
                    .increment();
            if (!end.succeeded()) {
                meters.proxyFailed
                        .with(who(
                                endUser,
                                who,
                                requestedModel,
                                status,
                                end.error().kind().litellmName(),
                                start.route(),
                                modelId))
                        .increment();
            }
        }

        private void recordSuccess(CallEnd end) {
            SuccessMeters series =
                    success(this, end.routed().deployment(), end.routed().modelGroup());
            long totalNanos = end.endedNanos() - start.receivedNanos();
            series.proxyTotal.increment();
            series.requests.increment();
            series.totalLatency.record(seconds(totalNanos));
            Usage usage = end.usage();
            series.inputTokens.increment(usage.promptTokens());
            series.outputTokens.increment(usage.completionTokens());
            series.totalTokens.increment(usage.totalTokens());
            if (end.cost() > 0) {
                series.spend.increment(end.cost());
            }
            series.overhead.record(seconds(Math.max(0, totalNanos - end.routed().upstreamNanos())));
        }
    }

    private final class Attempt implements AttemptObservation {
        private final Call call;
        private final AttemptStart start;

        Attempt(Call call, AttemptStart start) {
            this.call = call;
            this.start = start;
        }

        @Override
        public void succeeded(Usage usage, String finishReason) {
            SuccessMeters series = success(call, start.deployment(), start.modelGroup());
            double seconds = seconds(System.nanoTime() - start.startedNanos());
            series.deploymentTotal.increment();
            series.deploymentSuccess.increment();
            series.apiLatency.record(seconds);
            if (usage.completionTokens() > 0) {
                series.latencyPerOutputToken.record(seconds / usage.completionTokens());
            }
        }

        @Override
        public void failed(GatewayException error) {
            if (error.kind() == ErrorKind.CLIENT_CLOSED) {
                return; // says nothing about the deployment
            }
            Deployment deployment = start.deployment();
            meters.deploymentTotal
                    .with(perDeployment(call.requestedModel, call.who, deployment))
                    .increment();
            meters.deploymentFailure
                    .with(perDeployment(
                            call.requestedModel,
                            call.who,
                            deployment,
                            status(error),
                            error.kind().litellmName()))
                    .increment();
        }

        @Override
        public void cooledDown(Duration duration, GatewayException error) {
            Deployment deployment = start.deployment();
            meters.cooledDown
                    .with(
                            deployment.litellmModel(),
                            deployment.id(),
                            apiBase(deployment),
                            deployment.provider().prefix(),
                            status(error))
                    .increment();
        }
    }

    /** The caller's labels ({@code end_user}, key, team, user) followed by {@code more}. */
    static String[] who(String endUser, CallerLabels who, String... more) {
        String[] all = new String[6 + more.length];
        all[0] = endUser;
        all[1] = who.keyHash();
        all[2] = who.keyAlias();
        all[3] = who.teamId();
        all[4] = who.teamAlias();
        all[5] = who.userId();
        System.arraycopy(more, 0, all, 6, more.length);
        return all;
    }

    /** The labels of the per-deployment counters, followed by {@code more}. */
    static String[] perDeployment(String requestedModel, CallerLabels who, Deployment deployment, String... more) {
        String[] all = new String[9 + more.length];
        all[0] = requestedModel;
        all[1] = deployment.litellmModel();
        all[2] = deployment.id();
        all[3] = apiBase(deployment);
        all[4] = deployment.provider().prefix();
        all[5] = who.keyHash();
        all[6] = who.keyAlias();
        all[7] = who.teamId();
        all[8] = who.teamAlias();
        System.arraycopy(more, 0, all, 9, more.length);
        return all;
    }

    static String status(GatewayException error) {
        return Integer.toString(error.kind().httpStatus());
    }

    /** The deployment's endpoint without credentials, worked out once per endpoint. */
    static String apiBase(Deployment deployment) {
        String raw = deployment.apiBase();
        return raw == null ? null : PUBLIC_BASES.computeIfAbsent(raw, PublicUrl::of);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
