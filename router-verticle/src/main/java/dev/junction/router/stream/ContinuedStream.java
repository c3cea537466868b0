package dev.junction.router.stream;

import dev.junction.cluster.bus.ChunkStream;
import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Deployment;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The stream a client reads: the frames of the attempt that answered and, when that stream breaks (a cut
 * connection, a stall, an error event) after the client has part of the answer, those of the attempts that
 * continue it. A continuation is the router's next choice asked to carry on the text sent so far ({@link
 * Continuation}); its chunks are spliced in ({@link ContinuationChunks}), so the client receives one answer
 * with one {@code [DONE]}.
 *
 * <p>No continuation is tried once the answer has a tool call, a refusal or several choices, or when the
 * router has no choice left (each continuation takes one of its retries or fallbacks, so they run out); the
 * stream then ends with the broken attempt's error event, as it would have without this. A stream that breaks after its {@code finish_reason} lacks nothing
 * but its {@code [DONE]}, which it gets.
 *
 * <p>Everything happens on the context the stream was made on (the router's); calls from elsewhere hop onto it.
 */
public final class ContinuedStream implements ChunkStream {
    private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");

    /** One attempt that served part of the answer, and its usage, for spend. */
    public record Served(Deployment deployment, Usage usage) {}

    private final Context context;
    private final Thread thread;
    /** Whether broken streams are continued: frames are read only then. */
    private final boolean continuing;

    private final FrameRelay relay = new FrameRelay();
    private final Promise<Usage> usage = Promise.promise();
    private final Promise<List<Served>> served = Promise.promise();
    private final List<Served> parts = new ArrayList<>(2);
    private final StringBuilder sent = new StringBuilder();
    private Segment current;
    private NextChoice next;
    private SegmentState state;
    private Usage earlier = Usage.NONE;
    private String firstId;
    private int continuations;
    private boolean unrepeatable;
    private boolean sourcePaused;
    private boolean cancelled;

    /**
     * Takes over {@code first}. Call on the router's context.
     *
     * @param next the router's next choice, or null when broken streams are not continued
     */
    public ContinuedStream(Vertx vertx, Segment first, NextChoice next) {
        this.context = vertx.getOrCreateContext();
        this.thread = Thread.currentThread();
        this.next = next;
        this.continuing = next != null;
        start(first, null);
    }

    private void start(Segment segment, ContinuationChunks rewriter) {
        current = segment;
        sourcePaused = true; // a held segment was paused at its first content
        state = new SegmentState(segment, rewriter);
        SegmentState mine = state;
        segment.attach(new Segment.Listener() {
            @Override
            public void frame(Buffer frame) {
                onFrame(mine, frame);
            }

            @Override
            public void end() {
                onSegmentEnd(mine);
            }
        });
        updateFlow();
    }

    private void onFrame(SegmentState from, Buffer frame) {
        if (from != state) {
            return;
        }
        if (!continuing) {
            relay.send(frame);
            updateFlow();
            return;
        }
        ChunkFacts facts = ChunkFacts.of(frame);
        if (facts.kind() == ChunkFacts.Kind.ERROR) {
            from.error = frame; // told only if the answer cannot be continued
            return;
        }
        from.received.append(facts.content());
        from.finished |= facts.finished();
        unrepeatable |= facts.unrepeatable();
        if (from.rewriter == null) {
            if (firstId == null && facts.kind() == ChunkFacts.Kind.CHUNK) {
                firstId = idOf(frame);
            }
            sent.append(facts.content());
            relay.send(frame);
        } else {
            ContinuationChunks.Rewritten rewritten = from.rewriter.rewrite(frame, facts);
            sent.append(rewritten.text());
            rewritten.frames().forEach(relay::send);
        }
        updateFlow();
    }

    private void onSegmentEnd(SegmentState ended) {
        if (ended != state) {
            return;
        }
        if (ended.error == null || cancelled) {
            // Ended as it should, or with its error already told (nothing is continued): the client is done.
            relay.end();
            ended.segment.usage().onComplete(done -> onContext(() -> settle(ended, done)));
        } else if (ended.finished) {
            relay.send(DONE.copy());
            relay.end();
            ended.segment
                    .brokenUsage(ended.received.toString())
                    .onComplete(done -> onContext(() -> settle(ended, done)));
        } else {
            ended.segment.usage().onComplete(done -> onContext(() -> broken(ended, failureOf(done.cause()))));
        }
    }

    /** The attempt failed midway: continue the answer elsewhere, or tell the client. */
    private void broken(SegmentState ended, GatewayException failure) {
        boolean continuable = !cancelled && !unrepeatable && next != null;
        if (!continuable) {
            giveUp(ended, failure);
            return;
        }
        ended.segment
                .brokenUsage(ended.received.toString())
                .onComplete(counted -> onContext(() -> {
                    record(ended.segment, counted.succeeded() ? counted.result() : Usage.NONE);
                    next.after(failure, sent.toString())
                            .onComplete(
                                    choice -> onContext(() -> continueWith(choice)),
                                    noChoice -> onContext(() -> giveUp(ended, failure)));
                }));
    }

    private void continueWith(NextChoice.Choice choice) {
        if (cancelled) {
            choice.segment().cancel();
            relay.end();
            usage.tryComplete(earlier);
            served.tryComplete(List.copyOf(parts));
            return;
        }
        continuations++;
        next = choice.next();
        start(choice.segment(), new ContinuationChunks(firstId, sent.toString(), continuations, () -> earlier));
    }

    private void giveUp(SegmentState ended, GatewayException failure) {
        relay.send(ended.error);
        relay.end();
        usage.tryFail(failure);
        served.tryComplete(List.copyOf(parts));
    }

    /** The last attempt's usage added to the earlier ones', or its failure. */
    private void settle(SegmentState ended, io.vertx.core.AsyncResult<Usage> last) {
        if (last.succeeded()) {
            record(ended.segment, last.result());
            usage.tryComplete(earlier);
        } else {
            usage.tryFail(last.cause());
        }
        served.tryComplete(List.copyOf(parts));
    }

    private void record(Segment segment, Usage part) {
        parts.add(new Served(segment.deployment(), part));
        earlier = new Usage(
                earlier.promptTokens() + part.promptTokens(),
                earlier.completionTokens() + part.completionTokens(),
                earlier.totalTokens() + part.totalTokens());
    }

    private void updateFlow() {
        boolean wanting = relay.wanting();
        if (wanting && sourcePaused) {
            sourcePaused = false;
            current.resume();
        } else if (!wanting && !sourcePaused) {
            sourcePaused = true;
            current.pause();
        }
    }

    private static GatewayException failureOf(Throwable cause) {
        return cause == null
                ? GatewayException.of(ErrorKind.BAD_GATEWAY, ErrorKind.BAD_GATEWAY.describe("the stream broke"))
                : GatewayException.from(cause);
    }

    private static String idOf(Buffer frame) {
        try {
            int end = frame.length() - 2;
            return frame.slice(6, end).toJsonObject().getString("id");
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /** The attempts that served the answer, with their usage; complete once the stream ended. */
    public Future<List<Served>> served() {
        return served.future();
    }

    @Override
    public Future<Usage> usage() {
        return usage.future();
    }

    @Override
    public void cancel() {
        onContext(() -> {
            cancelled = true;
            relay.discard();
            current.cancel();
        });
    }

    @Override
    public ChunkStream exceptionHandler(Handler<Throwable> handler) {
        return this; // failures are told in-band
    }

    @Override
    public ChunkStream handler(Handler<Buffer> handler) {
        onContext(() -> {
            relay.handler(handler);
            updateFlow();
        });
        return this;
    }

    @Override
    public ChunkStream endHandler(Handler<Void> endHandler) {
        onContext(() -> relay.endHandler(endHandler));
        return this;
    }

    @Override
    public ChunkStream pause() {
        onContext(() -> {
            relay.pause();
            updateFlow();
        });
        return this;
    }

    @Override
    public ChunkStream resume() {
        return fetch(Long.MAX_VALUE);
    }

    @Override
    public ChunkStream fetch(long amount) {
        onContext(() -> {
            relay.fetch(amount);
            updateFlow();
        });
        return this;
    }

    private void onContext(Runnable action) {
        if (Thread.currentThread() == thread) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }

    /** What is known of the attempt being relayed. */
    private static final class SegmentState {
        final Segment segment;
        final ContinuationChunks rewriter;
        final StringBuilder received = new StringBuilder();
        Buffer error;
        boolean finished;

        SegmentState(Segment segment, ContinuationChunks rewriter) {
            this.segment = segment;
            this.rewriter = rewriter;
        }
    }
}
