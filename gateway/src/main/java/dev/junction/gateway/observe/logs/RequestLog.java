package dev.junction.gateway.observe.logs;

import dev.junction.config.Deployment;
import dev.junction.gateway.observe.callbacks.FinishedCall;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per call: with {@code --detailed_debug}, at debug level, its route, requested model, every attempt
 * (deployment, group, retry, outcome) and how it ended; with the access log on, at info level on logger
 * {@code dev.junction.access}, its route, status, duration, model and deployment. Both carry the call's id as a
 * key-value pair ({@code call_id}), which JSON logs show as a field.
 */
public final class RequestLog implements Consumer<FinishedCall> {
    static final Logger DEBUG = LoggerFactory.getLogger("dev.junction.requests");
    static final Logger ACCESS = LoggerFactory.getLogger("dev.junction.access");

    private final boolean detailed;
    private final boolean access;

    private RequestLog(boolean detailed, boolean access) {
        this.detailed = detailed;
        this.access = access;
    }

    /** The request log, or null when neither detailed debug logging nor the access log is on. */
    public static RequestLog of(boolean accessLog) {
        boolean detailed = DEBUG.isDebugEnabled();
        return detailed || accessLog ? new RequestLog(detailed, accessLog) : null;
    }

    @Override
    public void accept(FinishedCall call) {
        if (detailed) {
            DEBUG.atDebug()
                    .addKeyValue("call_id", call.callId())
                    .log(
                            "{} {} model={} attempts=[{}] -> {} in {} ms{}",
                            call.start().route(),
                            call.callId(),
                            call.requestedModel(),
                            call.attempts().stream()
                                    .map(attempt -> attempt.deployment().id() + " (" + attempt.modelGroup() + ", retry "
                                            + attempt.retry() + ") "
                                            + (attempt.error() == null ? "ok" : attempt.error()))
                                    .collect(Collectors.joining(", ")),
                            call.end().status(),
                            millis(call),
                            call.end().succeeded()
                                    ? ""
                                    : " " + call.end().error().getMessage());
        }
        if (access) {
            Deployment deployment = call.deployment();
            ACCESS.atInfo()
                    .addKeyValue("call_id", call.callId())
                    .log(
                            "POST {} {} {} ms model={} deployment={} key_alias={}",
                            call.start().route(),
                            call.end().status(),
                            millis(call),
                            call.requestedModel(),
                            deployment == null ? "-" : deployment.id(),
                            call.start().caller().keyAlias() == null
                                    ? "-"
                                    : call.start().caller().keyAlias());
        }
    }

    private static String millis(FinishedCall call) {
        return String.format(Locale.ROOT, "%.1f", call.durationSeconds() * 1000);
    }
}
