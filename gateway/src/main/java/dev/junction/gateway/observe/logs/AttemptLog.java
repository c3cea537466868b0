package dev.junction.gateway.observe.logs;

import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.GatewayException;
import dev.junction.cluster.observe.AttemptObservation;
import dev.junction.cluster.observe.AttemptStart;
import dev.junction.cluster.observe.CallEnd;
import dev.junction.cluster.observe.CallObservation;
import dev.junction.cluster.observe.CallObserver;
import dev.junction.cluster.observe.CallStart;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With {@code --detailed_debug}: a debug line for each attempt of a request on a deployment (its group,
 * deployment, retry number, status and duration), one for each fallback to another group, and one for the
 * request's outcome, all with the call's id as a key-value pair ({@code call_id}). Watches calls only while its
 * logger is at debug level, so a node without the flag builds nothing for it.
 */
public final class AttemptLog implements CallObserver {
    private static final Logger LOG = LoggerFactory.getLogger(AttemptLog.class);

    /** Whether to watch calls at all: the flag (or a logging config) set this logger to debug before start. */
    public static boolean wanted() {
        return LOG.isDebugEnabled();
    }

    @Override
    public CallObservation open(CallStart start) {
        return LOG.isDebugEnabled() ? new Call(start) : CallObservation.NONE;
    }

    private static final class Call implements CallObservation {
        private final CallStart start;
        private final AtomicInteger attempts = new AtomicInteger();
        private volatile String callId;

        Call(CallStart start) {
            this.start = start;
            this.callId = start.callId();
        }

        @Override
        public void parsed(LlmRequest request) {
            callId = request.callId();
        }

        @Override
        public AttemptObservation attemptStarted(AttemptStart attempt) {
            return new Attempt(this, attempts.incrementAndGet(), attempt);
        }

        @Override
        public void fallbackStarted(String fromGroup, String fallbackGroup, GatewayException error) {
            LOG.atDebug()
                    .addKeyValue("call_id", callId)
                    .log("fallback from group={} to group={} after {}", fromGroup, fallbackGroup, describe(error));
        }

        @Override
        public void ended(CallEnd end) {
            LOG.atDebug()
                    .addKeyValue("call_id", callId)
                    .log(
                            "{} {} after {} attempt(s): status={} in {} ms",
                            start.route(),
                            end.succeeded() ? "succeeded" : "failed with " + describe(end.error()),
                            attempts.get(),
                            end.status(),
                            millis(end.endedNanos() - start.receivedNanos()));
        }
    }

    private record Attempt(Call call, int number, AttemptStart start) implements AttemptObservation {
        @Override
        public void succeeded(Usage usage, String finishReason) {
            log("status=200");
        }

        @Override
        public void failed(GatewayException error) {
            int status = error.upstreamStatus() > 0
                    ? error.upstreamStatus()
                    : error.kind().httpStatus();
            log("status=" + status + " error=" + describe(error));
        }

        private void log(String outcome) {
            LOG.atDebug()
                    .addKeyValue("call_id", call.callId)
                    .log(
                            "attempt {} group={} deployment={} model={} retry={} {} in {} ms",
                            number,
                            start.modelGroup(),
                            start.deployment().id(),
                            start.deployment().litellmModel(),
                            start.retry(),
                            outcome,
                            millis(System.nanoTime() - start.startedNanos()));
        }
    }

    private static String describe(GatewayException error) {
        return error == null ? "-" : error.kind().litellmName() + ": " + error.getMessage();
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1_000_000.0);
    }
}
