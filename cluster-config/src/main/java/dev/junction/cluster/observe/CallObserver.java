package dev.junction.cluster.observe;

import java.util.List;

/**
 * Something that watches calls: it opens an observation for each call that arrives and is told what happens
 * to it. Opening runs on the event loop of the request, so it must not block.
 */
public interface CallObserver {
    /** Watches nothing: every call gets {@link CallObservation#NONE}. */
    CallObserver NONE = start -> CallObservation.NONE;

    /** An observation of the call that {@code start} describes. */
    CallObservation open(CallStart start);

    /** Whether this observer watches anything; callers skip building events for one that does not. */
    default boolean active() {
        return this != NONE;
    }

    /** One observer telling each of {@code observers} in turn; {@link #NONE} when there are none. */
    static CallObserver all(List<CallObserver> observers) {
        List<CallObserver> active =
                observers.stream().filter(CallObserver::active).toList();
        if (active.isEmpty()) {
            return NONE;
        }
        if (active.size() == 1) {
            return active.get(0);
        }
        return new Fanout(active);
    }
}
