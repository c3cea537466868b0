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

/** Counts every call and every attempt into LiteLLM's Prometheus metrics. */
public final class CallMetrics implements CallObserver {
    private final LitellmMeters meters;

    public CallMetrics(MeterRegistry registry) {
        this.meters = new LitellmMeters(registry);
    }

    @Override
    public CallObservation open(CallStart start) {
        return new Call(start);
    }

    private final class Call implements CallObservation {
        private final CallStart start;
        private final CallerLabels who;
        private String requestedModel;
        private String endUser;
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
                meters.timeToFirstToken
                        .with(apiLabels(attempt.deployment()))
                        .record(seconds(nanoTime - attempt.startedNanos()));
            }
        }

        @Override
        public void ended(CallEnd end) {
            AttemptStart attempt = lastAttempt;
            Deployment deployment =
                    end.routed() != null ? end.routed().deployment() : attempt == null ? null : attempt.deployment();
            String modelId = deployment == null ? null : deployment.id();
            meters.proxyTotal
                    .with(who(requestedModel, Integer.toString(end.status()), start.route(), modelId))
                    .increment();
            if (!end.succeeded()) {
                meters.proxyFailed
                        .with(who(
                                requestedModel,
                                Integer.toString(end.status()),
                                end.error().kind().litellmName(),
                                start.route(),
                                modelId))
                        .increment();
                return;
            }
            recordSuccess(end, deployment);
        }

        private void recordSuccess(CallEnd end, Deployment deployment) {
            String model = deployment.upstreamModel();
            long totalNanos = end.endedNanos() - start.receivedNanos();
            meters.requests.with(who(model, deployment.id())).increment();
            meters.totalLatency
                    .with(who(requestedModel, model, deployment.id()))
                    .record(seconds(totalNanos));
            Usage usage = end.usage();
            String[] tokenLabels = who(model, requestedModel, deployment.id());
            meters.inputTokens.with(tokenLabels.clone()).increment(usage.promptTokens());
            meters.outputTokens.with(tokenLabels.clone()).increment(usage.completionTokens());
            meters.totalTokens.with(tokenLabels).increment(usage.totalTokens());
            if (end.cost() > 0) {
                meters.spend.with(who(model, deployment.id())).increment(end.cost());
            }
            long overheadNanos = Math.max(0, totalNanos - end.routed().upstreamNanos());
            meters.overhead
                    .with(
                            end.routed().modelGroup(),
                            deployment.provider().prefix(),
                            apiBase(deployment),
                            deployment.litellmModel(),
                            who.keyHash(),
                            who.keyAlias(),
                            deployment.id())
                    .record(seconds(overheadNanos));
        }

        /** The caller's labels followed by {@code more}. */
        String[] who(String... more) {
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

        String[] apiLabels(Deployment deployment) {
            return who(deployment.upstreamModel(), requestedModel, deployment.id());
        }

        String[] perDeployment(Deployment deployment, String... more) {
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
            Deployment deployment = start.deployment();
            long nanos = System.nanoTime() - start.startedNanos();
            meters.deploymentTotal.with(call.perDeployment(deployment)).increment();
            meters.deploymentSuccess.with(call.perDeployment(deployment)).increment();
            meters.apiLatency.with(call.apiLabels(deployment)).record(seconds(nanos));
            if (usage.completionTokens() > 0) {
                CallerLabels who = call.who;
                meters.latencyPerOutputToken
                        .with(
                                deployment.litellmModel(),
                                deployment.id(),
                                apiBase(deployment),
                                deployment.provider().prefix(),
                                who.keyHash(),
                                who.keyAlias(),
                                who.teamId(),
                                who.teamAlias())
                        .record(seconds(nanos) / usage.completionTokens());
            }
        }

        @Override
        public void failed(GatewayException error) {
            if (error.kind() == ErrorKind.CLIENT_CLOSED) {
                return; // says nothing about the deployment
            }
            Deployment deployment = start.deployment();
            meters.deploymentTotal.with(call.perDeployment(deployment)).increment();
            meters.deploymentFailure
                    .with(call.perDeployment(
                            deployment, status(error), error.kind().litellmName()))
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

    static String status(GatewayException error) {
        return Integer.toString(error.kind().httpStatus());
    }

    static String apiBase(Deployment deployment) {
        return deployment.apiBase() == null ? null : PublicUrl.of(deployment.apiBase());
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
