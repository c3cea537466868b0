package dev.junction.testkit;

import java.util.Arrays;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the fake upstream answers on one path: queued answers are used once each, in order; when the
 * queue is empty the standing answer (if any) is used for every further request.
 *
 * <p>Written from the JUnit thread and read on the event loop, hence the concurrent queue and the volatile
 * field.
 */
public final class PathScript {
    private final Queue<Answer> queued = new ConcurrentLinkedQueue<>();
    private volatile Answer standing;

    PathScript() {}

    /** Queues answers for the next requests on this path, one request each. */
    public PathScript reply(Answer... answers) {
        Arrays.stream(answers).map(Objects::requireNonNull).forEach(queued::add);
        return this;
    }

    /** The answer for every request once the queue is used up. */
    public PathScript replyAlways(Answer answer) {
        this.standing = Objects.requireNonNull(answer);
        return this;
    }

    /** How many queued answers are still unused; a test can assert the script was played out. */
    public int pending() {
        return queued.size();
    }

    /** The answer for the next request, or {@code null} when the script has nothing left to say. */
    Answer take() {
        Answer next = queued.poll();
        return next != null ? next : standing;
    }
}
