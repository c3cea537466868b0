package dev.junction.router;

import dev.junction.cluster.bus.BusContract;
import dev.junction.cluster.bus.ChunkStream;
import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.cluster.observe.AttemptStart;
import dev.junction.cluster.observe.CallObservation;
import dev.junction.config.Deployment;
import dev.junction.config.RouterSettings;
import dev.junction.router.fallback.FallbackPlan;
import dev.junction.router.resolve.Resolution;
import dev.junction.router.retry.DeploymentRetries;
import dev.junction.router.retry.RetryPolicyRules;
import dev.junction.router.stream.Continuation;
import dev.junction.router.stream.PrefillRefusal;
import dev.junction.router.stream.Segment;
import dev.junction.router.tokens.StreamUsage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Calls one model group with its retries: each attempt chooses a deployment afresh, a failure is recorded
 * (and may cool its deployment down), and LiteLLM's rules decide whether and when to try again.
 */
final class GroupCall {
    private final Vertx vertx;
    private final DeploymentChooser chooser;
    private final OutcomeRecorder recorder;
    private final RetryPolicyRules retries;
    private final RouterSettings settings;
    private final ParallelSlots slots;
    private final ToIntFunction<Deployment> parallelLimit;
    private final StreamUsage streamUsage;

    GroupCall(
            Vertx vertx,
            DeploymentChooser chooser,
            OutcomeRecorder recorder,
            RetryPolicyRules retries,
            RouterSettings settings,
            ParallelSlots slots,
            ToIntFunction<Deployment> parallelLimit,
            StreamUsage streamUsage) {
        this.vertx = vertx;
        this.chooser = chooser;
        this.recorder = recorder;
        this.retries = retries;
        this.settings = settings;
        this.slots = slots;
        this.parallelLimit = parallelLimit;
        this.streamUsage = streamUsage;
    }

    /** The answer of the group, with the number of retries it took; or the last failure. */
    Future<Answer> call(
            Resolution resolution, LlmRequest request, long inputTokens, FallbackPlan fallbacks, CallState state) {
        return attempt(new Run(resolution, request, inputTokens, fallbacks, state, new HashSet<>()), 0, -1);
    }

    /**
     * What stays the same across the attempts of one group call.
     *
     * @param state what the whole client call learnt so far (across groups and continuations)
     * @param unable the deployments that said they cannot take this request at all; not chosen again
     */
    private record Run(
            Resolution resolution,
            LlmRequest request,
            long inputTokens,
            FallbackPlan fallbacks,
            CallState state,
            Set<String> unable) {}

    /** @param maxRetries -1 until the first failure tells which retry budget applies */
    private Future<Answer> attempt(Run run, int index, int maxRetries) {
        // A failure to choose (nothing healthy, all at their limits) is final: choosing again now changes nothing.
        long choosing = System.nanoTime();
        return chooser.choose(run.resolution(), run.request(), run.inputTokens(), run.state(), run.unable())
                .map(chosen -> observed(chosen, run.request().observation(), index, choosing))
                .compose(attempt -> send(attempt, run, index, maxRetries)
                        .recover(failure -> afterFailure(run, index, maxRetries, attempt, failureOf(run, failure))));
    }

    /** A failure of a call whose client has gone is the client's leaving, whatever the transport made of it. */
    private static GatewayException failureOf(Run run, Throwable failure) {
        return run.request().cancellation().isCancelled()
                ? GatewayException.of(ErrorKind.CLIENT_CLOSED, "client closed the request")
                : GatewayException.from(failure);
    }

    /** The attempt with what watches it; nothing is built when nothing watches the call. */
    private static Attempt observed(Attempt chosen, CallObservation call, int index, long choosingNanos) {
        if (call == CallObservation.NONE) {
            return chosen;
        }
        return chosen.observedBy(call.attemptStarted(new AttemptStart(
                chosen.deployment(), chosen.resolution().modelGroup(), index, choosingNanos, chosen.startedNanos())));
    }

    private Future<Answer> send(Attempt attempt, Run run, int index, int maxRetries) {
        LlmRequest request = run.request();
        if (index == 0 && RequestFlags.isSet(request.body(), "mock_testing_rate_limit_error")) {
            return Future.failedFuture(RoutingErrors.mock(
                    ErrorKind.RATE_LIMITED, attempt.resolution().modelGroup()));
        }
        Deployment deployment = ClientCredentials.apply(request, attempt.deployment());
        Duration timeout = CallTimeouts.forAttempt(request, deployment, settings);
        if (RequestFlags.isSet(request.body(), "mock_timeout")) {
            return vertx.timer(timeout.toMillis())
                    .compose(v -> Future.failedFuture(GatewayException.of(
                                    ErrorKind.TIMEOUT,
                                    ErrorKind.TIMEOUT.describe(
                                            "mock_timeout: no answer within " + timeout.toMillis() + " ms"))
                            .withTimeout(timeout)));
        }
        ProviderCall call = new ProviderCall(
                run.state().shape(request, deployment),
                deployment,
                timeout,
                attempt.observation().upstreamHeaders(),
                Boolean.TRUE.equals(settings.merged().getValue("drop_params")));
        return onDeployment(call, DeploymentRetries.of(deployment), 0)
                .recover(failure -> Future.failedFuture(withTimeout(failure, timeout)))
                .compose(reply -> reply instanceof ProviderReply.Streaming streaming && !streaming.passedThrough()
                        ? held(attempt, streaming, call, new Position(run, index, maxRetries))
                        : accept(attempt, reply, index, maxRetries, run));
    }

    /** A timeout answered 408 names the limit that passed, in LiteLLM's {@code x-litellm-timeout}. */
    private static Throwable withTimeout(Throwable failure, Duration timeout) {
        return failure instanceof GatewayException error && error.kind() == ErrorKind.TIMEOUT
                ? error.withTimeout(timeout)
                : failure;
    }

    /**
     * One call to the deployment, tried again there up to its {@code max_retries} ({@link DeploymentRetries})
     * before the failure counts for the router.
     */
    private Future<ProviderReply> onDeployment(ProviderCall call, int maxRetries, int done) {
        Deployment deployment = call.deployment();
        Future<ProviderReply> reply = slots.acquire(
                        deployment.id(), parallelLimit.applyAsInt(deployment), call.timeout())
                .compose(release -> {
                    Future<ProviderReply> sent = BusContract.request(
                            vertx.eventBus(),
                            RequestRouter.providerAddress(call),
                            call,
                            call.timeout(),
                            ProviderReply.class);
                    sent.onComplete(ended -> releaseWhenDone(ended.succeeded() ? ended.result() : null, release));
                    return sent;
                });
        if (maxRetries == 0) {
            return reply;
        }
        return reply.recover(failure -> {
            GatewayException error = GatewayException.from(failure);
            if (done >= maxRetries || !DeploymentRetries.retries(error)) {
                return Future.failedFuture(failure);
            }
            return vertx.timer(Math.max(1, DeploymentRetries.delay(done, error).toMillis()))
                    .compose(v -> onDeployment(call, maxRetries, done + 1));
        });
    }

    /** A stream holds its slot until it ends; anything else frees it with the reply. */
    private static void releaseWhenDone(ProviderReply reply, Runnable release) {
        if (reply instanceof ProviderReply.Streaming streaming) {
            streaming.stream().usage().onComplete(ended -> release.run());
        } else {
            release.run();
        }
    }

    private Future<Answer> accept(Attempt attempt, ProviderReply reply, int index, int maxRetries, Run run) {
        if (reply instanceof ProviderReply.Complete complete) {
            recorder.succeeded(attempt, complete.usage(), complete.finishReason(), -1);
            if ("content_filter".equals(complete.finishReason())
                    && !run.fallbacks()
                            .targetsFor(
                                    ErrorKind.CONTENT_POLICY_VIOLATION,
                                    attempt.resolution().modelGroup())
                            .isEmpty()) {
                return Future.failedFuture(
                        RoutingErrors.contentFiltered(attempt.resolution().modelGroup()));
            }
        } else if (reply instanceof ProviderReply.Streaming streaming) {
            long head = System.nanoTime() - attempt.startedNanos();
            ChunkStream stream = streamUsage.counted(
                    streaming.stream(),
                    attempt.deployment().upstreamModel(),
                    attempt.estimatedTokens(),
                    run.request().body());
            reply = new ProviderReply.Streaming(stream, streaming.passedThrough());
            // A passed-through stream (the inbound API's own events) is relayed as it comes: too late to retry once
            // the head is out, but a stream that failed midway is a failed call.
            stream.usage()
                    .onComplete(
                            usage -> recorder.succeeded(attempt, usage, null, head),
                            failure -> recorder.failed(attempt, GatewayException.from(failure)));
        }
        return Future.succeededFuture(
                new Answer(reply, null, attempt, index, maxRetries, System.nanoTime() - attempt.startedNanos(), null));
    }

    /** Where in the group's attempts a stream was answered: where the router carries on should it break. */
    private record Position(Run run, int index, int maxRetries) {}

    /**
     * A stream is the group's answer once its first content has come, within the stream's first-chunk timeout
     * counted from the attempt's start; a stream that fails or stays silent before that fails the attempt.
     */
    private Future<Answer> held(Attempt attempt, ProviderReply.Streaming streaming, ProviderCall call, Position at) {
        String model = attempt.deployment().upstreamModel();
        JsonObject body = call.request().body();
        ChunkStream stream = streamUsage.counted(streaming.stream(), model, attempt.estimatedTokens(), body);
        Duration left = call.timeout().minusNanos(System.nanoTime() - attempt.startedNanos());
        Segment segment = Segment.hold(
                vertx,
                stream,
                left,
                attempt.deployment(),
                text -> streamUsage.count(model, attempt.estimatedTokens(), body, text));
        call.request()
                .cancellation()
                .onCancel(() ->
                        segment.giveUp(GatewayException.of(ErrorKind.CLIENT_CLOSED, "client closed the request")));
        return segment.started().map(started -> {
            long firstContent = System.nanoTime() - attempt.startedNanos();
            // Past this point a failure is the broken stream's; it is recorded when it happens, and a
            // continuation asks where this attempt left the group's retries.
            Future<Void> recorded = stream.usage().transform(ended -> {
                if (ended.succeeded()) {
                    recorder.succeeded(attempt, ended.result(), null, firstContent);
                    return Future.<Void>succeededFuture();
                }
                return recorder.failed(attempt, GatewayException.from(ended.cause()));
            });
            Function<GatewayException, Future<Answer>> next = failure ->
                    recorded.compose(v -> nextAttempt(at.run(), at.index(), at.maxRetries(), attempt, failure));
            return new Answer(null, segment, attempt, at.index(), at.maxRetries(), firstContent, next);
        });
    }

    private Future<Answer> afterFailure(Run run, int index, int maxRetries, Attempt attempt, GatewayException error) {
        if (error.kind() == ErrorKind.CLIENT_CLOSED) {
            return recorder.failed(attempt, error).compose(v -> Future.failedFuture(error));
        }
        if (error.kind() == ErrorKind.UNSUPPORTED_BY_DEPLOYMENT) {
            return recorder.failed(attempt, error).compose(v -> elsewhere(run, index, maxRetries, attempt, error));
        }
        return recorder.failed(attempt, error).compose(recorded -> nextAttempt(run, index, maxRetries, attempt, error));
    }

    /**
     * A deployment that let the call time out is not waited on again in this call; one that answered 408 itself
     * (an upstream's own timeout) answered quickly and is retried by LiteLLM's rules.
     */
    private static boolean silent(GatewayException error) {
        return error.kind() == ErrorKind.TIMEOUT && error.upstreamStatus() == 0;
    }

    /** The next attempt after a failure already recorded: a retry by LiteLLM's rules, or the failure. */
    private Future<Answer> nextAttempt(Run run, int index, int maxRetries, Attempt attempt, GatewayException error) {
        Resolution resolution = run.resolution();
        CallState state = run.state();
        if (silent(error) || error.kind() == ErrorKind.CIRCUIT_OPEN) {
            state.exclude(attempt.deployment());
        }
        if (PrefillRefusal.is(error) && !state.prefillRefused() && sentPrefill(run, attempt)) {
            // Not the request's fault but the prefill's, which can be left out: at once, and not as a retry.
            state.refusePrefill();
            state.retried();
            return attempt(run, index, maxRetries);
        }
        int budget = maxRetries >= 0
                ? maxRetries
                : retries.retriesFor(
                        error.kind(),
                        resolution.modelGroup(),
                        retries.numRetries(run.request().body().getValue("num_retries"), attempt.deployment()));
        int healthy = (int) chooser.healthy(resolution).stream()
                .filter(deployment -> !state.excludes(deployment))
                .count();
        boolean retry = index < budget
                && RetryPolicyRules.shouldRetry(
                        error.kind(),
                        retries.policyNames(error.kind(), resolution.modelGroup()),
                        healthy,
                        resolution.deployments().size(),
                        run.fallbacks().hasFallbacks(),
                        run.fallbacks().hasContextWindowFallbacks(),
                        run.fallbacks().hasContentPolicyFallbacks());
        if (!retry) {
            return Future.failedFuture(budget > 0 ? withRetryCount(error, index, budget) : error);
        }
        boolean healthyOthers = resolution.deployments().size() > 1 && healthy > 0;
        Duration delay =
                retries.backoff(budget - index, budget, error.retryAfter().orElse(null), healthyOthers);
        Future<Void> pause = delay.isZero()
                ? Future.succeededFuture()
                : vertx.timer(delay.toMillis()).mapEmpty();
        state.retried();
        return pause.compose(v -> attempt(run, index + 1, budget));
    }

    /** Whether the failed attempt's request ended with an assistant message, the client's or a continuation's. */
    private static boolean sentPrefill(Run run, Attempt attempt) {
        Deployment deployment = ClientCredentials.apply(run.request(), attempt.deployment());
        return Continuation.endsWithAssistant(
                run.state().shape(run.request(), deployment).body());
    }

    /**
     * A deployment said, before sending anything, that it cannot take this request at all (an operation its
     * provider lacks, a feature chat cannot carry): the request goes to another deployment of the group at once,
     * as the same attempt (no retry counted, no back-off), until every deployment has said so. Then the group
     * fails with that 400, and the fallbacks may take it.
     */
    private Future<Answer> elsewhere(Run run, int index, int maxRetries, Attempt attempt, GatewayException error) {
        run.unable().add(attempt.deployment().id());
        boolean othersLeft = run.resolution().deployments().stream()
                .anyMatch(deployment -> !run.unable().contains(deployment.id()));
        return othersLeft ? attempt(run, index, maxRetries) : Future.failedFuture(error);
    }

    /**
     * A group's successful answer.
     *
     * @param reply the provider's whole answer, or null for a stream
     * @param segment the stream, held to its first content, or null for a whole answer
     * @param attempt the attempt that produced it
     * @param retries how many retries it took
     * @param maxRetries the retry budget those retries were made under, or -1 when none were needed
     * @param upstreamNanos time from admission to the answer (to the first content, for a stream)
     * @param next for a stream, the group's next attempt should it break midway (its failure recorded)
     */
    record Answer(
            ProviderReply reply,
            Segment segment,
            Attempt attempt,
            int retries,
            int maxRetries,
            long upstreamNanos,
            Function<GatewayException, Future<Answer>> next) {}

    /** LiteLLM tells how hard it tried in the final error's message; clients and logs look for it. */
    private static GatewayException withRetryCount(GatewayException error, int retriesMade, int maxRetries) {
        return error.withMessage(
                error.getMessage() + " LiteLLM Retried: " + retriesMade + " times, LiteLLM Max Retries: " + maxRetries);
    }
}
