package dev.junction.gateway.observe.alerts;

import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.cluster.observe.AttemptObservation;
import dev.junction.cluster.observe.AttemptStart;
import dev.junction.cluster.observe.CallEnd;
import dev.junction.cluster.observe.CallObservation;
import dev.junction.cluster.observe.CallObserver;
import dev.junction.cluster.observe.CallStart;
import dev.junction.config.AlertingSettings;
import dev.junction.config.Deployment;
import dev.junction.config.PublicUrl;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The alerts calls raise: {@code llm_exceptions} (a deployment failed), {@code llm_too_slow} (an answer took
 * longer than {@code alerting_threshold}), {@code llm_requests_hanging} (a call still unanswered after it),
 * {@code cooldown_deployment} and {@code outage_alerts} (a deployment failing again and again). Each only
 * queues an alert (see {@link Alerter}).
 */
final class CallAlerts implements CallObserver {
    private static final Duration QUIET = Duration.ofMinutes(1);

    private final AlertingSettings settings;
    private final Alerter alerter;
    private final OutageCounts outages;
    private final Set<Open> open = ConcurrentHashMap.newKeySet();
    private final long thresholdNanos;

    CallAlerts(AlertingSettings settings, Alerter alerter) {
        this.settings = settings;
        this.alerter = alerter;
        this.outages = new OutageCounts(settings, alerter);
        this.thresholdNanos = settings.threshold().toNanos();
    }

    /** A call in flight, for the hanging-requests sweep. */
    private static final class Open {
        final long startedNanos;
        volatile String model;
        volatile Deployment deployment;

        Open(long startedNanos) {
            this.startedNanos = startedNanos;
        }
    }

    @Override
    public CallObservation open(CallStart start) {
        Open call = new Open(start.receivedNanos());
        if (settings.sends("llm_requests_hanging")) {
            open.add(call);
        }
        return new CallObservation() {
            @Override
            public void parsed(LlmRequest request) {
                call.model = request.model();
            }

            @Override
            public AttemptObservation attemptStarted(AttemptStart attempt) {
                call.deployment = attempt.deployment();
                return new Attempt(attempt);
            }

            @Override
            public void ended(CallEnd end) {
                open.remove(call);
                long took = end.endedNanos() - start.receivedNanos();
                if (end.succeeded()
                        && took > thresholdNanos
                        && settings.sends("llm_too_slow")
                        && end.routed() != null) {
                    Deployment deployment = end.routed().deployment();
                    alerter.raise(new Alert(
                            "llm_too_slow",
                            Alert.LOW,
                            "LLM Responses Slow",
                            "`" + seconds(took) + "s` > threshold `"
                                    + settings.threshold().toSeconds() + "s`\n" + describe(deployment),
                            deployment.id(),
                            QUIET,
                            fields(deployment)));
                }
            }
        };
    }

    OutageCounts outages() {
        return outages;
    }

    /** Raises {@code llm_requests_hanging} for calls unanswered after the threshold. Called by a timer. */
    void sweepHanging() {
        long now = System.nanoTime();
        open.forEach(call -> {
            if (now - call.startedNanos > thresholdNanos) {
                open.remove(call);
                Deployment deployment = call.deployment;
                String subject = deployment != null ? deployment.id() : String.valueOf(call.model);
                alerter.raise(new Alert(
                        "llm_requests_hanging",
                        Alert.MEDIUM,
                        "LLM Requests Hanging",
                        "A request has had no answer for over `"
                                + settings.threshold().toSeconds() + "s`\n"
                                + (deployment != null ? describe(deployment) : "Model: `" + call.model + "`"),
                        subject,
                        QUIET,
                        deployment != null ? fields(deployment) : new JsonObject()));
            }
        });
    }

    private final class Attempt implements AttemptObservation {
        private final AttemptStart start;

        Attempt(AttemptStart start) {
            this.start = start;
        }

        @Override
        public void failed(GatewayException error) {
            if (!error.kind().fromUpstream()
                    || error.kind() == ErrorKind.CLIENT_CLOSED
                    || error.kind() == ErrorKind.CIRCUIT_OPEN) {
                return; // the failures that opened a breaker were alerted on as they happened
            }
            Deployment deployment = start.deployment();
            if (settings.sends("llm_exceptions")) {
                alerter.raise(new Alert(
                        "llm_exceptions",
                        Alert.HIGH,
                        "LLM API call failed",
                        "`" + error.getMessage() + "`\n" + describe(deployment),
                        deployment.id() + ":" + error.kind(),
                        QUIET,
                        fields(deployment).put("exception_class", error.kind().litellmName())));
            }
            if (error.kind().countsAgainstBreaker()) {
                outages.failed(deployment, error);
            }
        }

        @Override
        public void cooledDown(Duration duration, GatewayException error) {
            if (!settings.sends("cooldown_deployment")) {
                return;
            }
            Deployment deployment = start.deployment();
            alerter.raise(new Alert(
                    "cooldown_deployment",
                    Alert.LOW,
                    "Deployment cooled down",
                    "Cooled down for `" + duration.toMillis() / 1000.0 + "s` after `"
                            + error.kind().litellmName() + "`\n" + describe(deployment),
                    deployment.id(),
                    duration.compareTo(Duration.ofSeconds(10)) > 0 ? duration : Duration.ofSeconds(10),
                    fields(deployment).put("cooldown_seconds", duration.toMillis() / 1000.0)));
        }
    }

    static String describe(Deployment deployment) {
        return "Model: `" + deployment.modelName() + "` (`" + deployment.litellmModel() + "`)\nAPI Base: `"
                + (deployment.apiBase() == null ? "None" : PublicUrl.of(deployment.apiBase())) + "`\nDeployment: `"
                + deployment.id() + "`";
    }

    static JsonObject fields(Deployment deployment) {
        return new JsonObject()
                .put("event_group", "deployment")
                .put("model_group", deployment.modelName())
                .put("model", deployment.litellmModel())
                .put("model_id", deployment.id())
                .put("api_base", deployment.apiBase() == null ? null : PublicUrl.of(deployment.apiBase()));
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.2f", nanos / 1e9);
    }
}
