package dev.junction.gateway.http;

import io.vertx.core.http.HttpServerRequest;

/**
 * One request from its head to the end of its response (or the connection's close): what it holds of the
 * node's body budget, whether its body is still arriving, and what the request log needs. Confined to the
 * event loop of its connection, like the request.
 */
final class Exchange {
    private final ClientConnections owner;
    private final ClientConnections.Client client;
    private final HttpServerRequest request;
    private final long startNanos = System.nanoTime();
    private BodyBudget budget;
    private long heldBytes;
    /** When the body last made progress; 0 while no body is being read. */
    private long bodyProgressNanos;

    private Runnable onBodyStall;
    private String model;
    private Runnable atEnd;
    private boolean ended;

    Exchange(ClientConnections owner, ClientConnections.Client client, HttpServerRequest request) {
        this.owner = owner;
        this.client = client;
        this.request = request;
    }

    HttpServerRequest request() {
        return request;
    }

    ClientConnections.Client client() {
        return client;
    }

    long startNanos() {
        return startNanos;
    }

    /** The model the client asked for, once the body is parsed: for the request log. */
    void model(String requested) {
        this.model = requested;
    }

    String model() {
        return model;
    }

    /** Counts {@code bytes} more of this request's body against {@code from}, unless it is full. */
    boolean tryHold(BodyBudget from, long bytes) {
        if (!from.tryHold(bytes)) {
            return false;
        }
        budget = from;
        heldBytes += bytes;
        return true;
    }

    /** Gives back what the body held: at the end of the exchange, or as soon as the body is dropped. */
    void releaseBody() {
        if (heldBytes > 0) {
            budget.release(heldBytes);
            heldBytes = 0;
        }
    }

    /** The body starts to arrive; {@code onStall} runs if it then goes a whole body timeout without a byte. */
    void bodyStarted(Runnable onStall) {
        this.onBodyStall = onStall;
        this.bodyProgressNanos = System.nanoTime();
    }

    void bodyProgressed() {
        bodyProgressNanos = System.nanoTime();
    }

    void bodyDone() {
        bodyProgressNanos = 0;
        onBodyStall = null;
    }

    /** Whether the body is being read and has gone more than {@code timeoutNanos} without a byte. */
    boolean bodyStalled(long nowNanos, long timeoutNanos) {
        return bodyProgressNanos != 0 && nowNanos - bodyProgressNanos > timeoutNanos;
    }

    /** Gives up on a stalled body: runs its stall handler, once. */
    void stallBody() {
        Runnable stall = onBodyStall;
        bodyDone();
        if (stall != null) {
            stall.run();
        }
    }

    /** Runs {@code release} once, when the exchange ends: for what a request holds until its answer is done. */
    void atEnd(Runnable release) {
        if (ended) {
            release.run(); // the client went away before the request got this far
            return;
        }
        Runnable before = atEnd;
        atEnd = before == null
                ? release
                : () -> {
                    before.run();
                    release.run();
                };
    }

    /** The response ended or the connection closed: the one place everything the request held is let go. */
    void end() {
        ended = true;
        bodyDone();
        releaseBody();
        Runnable release = atEnd;
        atEnd = null;
        if (release != null) {
            release.run();
        }
        owner.ended(this);
        RequestLog.ended(this);
    }
}
