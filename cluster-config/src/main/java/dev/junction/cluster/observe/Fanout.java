package dev.junction.cluster.observe;

import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.GatewayException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several observers as one. An observer that throws is logged and skipped: watching a call must never fail
 * it.
 */
final class Fanout implements CallObserver {
    private static final Logger LOG = LoggerFactory.getLogger(Fanout.class);
    private final List<CallObserver> observers;

    Fanout(List<CallObserver> observers) {
        this.observers = List.copyOf(observers);
    }

    @Override
    public CallObservation open(CallStart start) {
        CallObservation[] opened = new CallObservation[observers.size()];
        for (int i = 0; i < opened.length; i++) {
            try {
                opened[i] = observers.get(i).open(start);
            } catch (RuntimeException failed) {
                LOG.warn("An observer failed to open a call: {}", failed.toString());
                opened[i] = CallObservation.NONE;
            }
        }
        return new Calls(opened);
    }

    private static <T> void each(T[] all, Consumer<T> event) {
        for (T one : all) {
            try {
                event.accept(one);
            } catch (RuntimeException failed) {
                LOG.warn("An observer failed on an event: {}", failed.toString());
            }
        }
    }

    private record Calls(CallObservation[] all) implements CallObservation {
        @Override
        public void parsed(LlmRequest request) {
            each(all, one -> one.parsed(request));
        }

        @Override
        public void keyChecked(KeyCheck check) {
            each(all, one -> one.keyChecked(check));
        }

        @Override
        public AttemptObservation attemptStarted(AttemptStart start) {
            AttemptObservation[] attempts = new AttemptObservation[all.length];
            for (int i = 0; i < all.length; i++) {
                try {
                    attempts[i] = all[i].attemptStarted(start);
                } catch (RuntimeException failed) {
                    LOG.warn("An observer failed on an attempt: {}", failed.toString());
                    attempts[i] = AttemptObservation.NONE;
                }
            }
            return new Attempts(attempts);
        }

        @Override
        public void fallbackStarted(String fromGroup, String fallbackGroup, GatewayException error) {
            each(all, one -> one.fallbackStarted(fromGroup, fallbackGroup, error));
        }

        @Override
        public void fallbackEnded(String fallbackGroup, boolean succeeded) {
            each(all, one -> one.fallbackEnded(fallbackGroup, succeeded));
        }

        @Override
        public void firstToken(long nanoTime) {
            each(all, one -> one.firstToken(nanoTime));
        }

        @Override
        public void ended(CallEnd end) {
            each(all, one -> one.ended(end));
        }
    }

    private record Attempts(AttemptObservation[] all) implements AttemptObservation {
        @Override
        public Map<String, String> upstreamHeaders() {
            Map<String, String> headers = new HashMap<>();
            each(all, one -> headers.putAll(one.upstreamHeaders()));
            return headers;
        }

        @Override
        public void succeeded(Usage usage, String finishReason) {
            each(all, one -> one.succeeded(usage, finishReason));
        }

        @Override
        public void failed(GatewayException error) {
            each(all, one -> one.failed(error));
        }

        @Override
        public void cooledDown(Duration duration, GatewayException error) {
            each(all, one -> one.cooledDown(duration, error));
        }
    }
}
