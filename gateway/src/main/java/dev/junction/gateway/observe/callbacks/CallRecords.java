package dev.junction.gateway.observe.callbacks;

import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.GatewayException;
import dev.junction.cluster.observe.AttemptObservation;
import dev.junction.cluster.observe.AttemptStart;
import dev.junction.cluster.observe.CallEnd;
import dev.junction.cluster.observe.CallObservation;
import dev.junction.cluster.observe.CallObserver;
import dev.junction.cluster.observe.CallStart;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Gathers what happens to each call into one {@link FinishedCall} and hands it to the log sinks (the access
 * log, {@code generic_api}, Langfuse) when the call ends. The sinks run on the thread that ended
 * the call and must only queue.
 */
public final class CallRecords implements CallObserver {
    private final List<Consumer<FinishedCall>> sinks;

    public CallRecords(List<Consumer<FinishedCall>> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    @Override
    public boolean active() {
        return !sinks.isEmpty();
    }

    @Override
    public CallObservation open(CallStart start) {
        return new Recording(start);
    }

    private final class Recording implements CallObservation {
        private final CallStart start;
        private final List<FinishedCall.AttemptRecord> attempts = new ArrayList<>(2);
        private volatile LlmRequest request;
        private volatile long firstTokenNanos;

        Recording(CallStart start) {
            this.start = start;
        }

        @Override
        public void parsed(LlmRequest parsed) {
            request = parsed;
        }

        @Override
        public AttemptObservation attemptStarted(AttemptStart attempt) {
            return new AttemptObservation() {
                @Override
                public void succeeded(Usage usage, String finishReason) {
                    add(new FinishedCall.AttemptRecord(
                            attempt.deployment(), attempt.modelGroup(), attempt.retry(), null));
                }

                @Override
                public void failed(GatewayException error) {
                    add(new FinishedCall.AttemptRecord(
                            attempt.deployment(),
                            attempt.modelGroup(),
                            attempt.retry(),
                            error.kind().describe("").replace(": ", "")));
                }
            };
        }

        private void add(FinishedCall.AttemptRecord attempt) {
            synchronized (attempts) {
                attempts.add(attempt);
            }
        }

        @Override
        public void firstToken(long nanoTime) {
            firstTokenNanos = nanoTime;
        }

        @Override
        public void ended(CallEnd end) {
            List<FinishedCall.AttemptRecord> all;
            synchronized (attempts) {
                all = List.copyOf(attempts);
            }
            FinishedCall call = new FinishedCall(start, request, all, firstTokenNanos, end);
            for (Consumer<FinishedCall> sink : sinks) {
                sink.accept(call);
            }
        }
    }
}
