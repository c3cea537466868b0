package dev.junction.testkit;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A chunked {@code text/event-stream} response: given frames, then one of several endings. */
final class StreamAnswer extends Answer {
    enum Ending {
        /** Ends the response normally. */
        END,
        /** Closes the TCP connection without the terminating chunk. */
        DROP,
        /** Leaves the response open and silent. */
        HANG,
        /** Writes one frame every gap until the client goes away. */
        REPEAT
    }

    private final List<String> events;
    private final Duration firstDelay;
    private final Duration gap;
    private final Ending ending;
    private final String repeated;

    StreamAnswer(List<String> events, Duration gap, Ending ending, String repeated, Map<String, String> headers) {
        this(events, Duration.ZERO, gap, ending, repeated, headers);
    }

    /** @param firstDelay the wait between the response head and the first frame */
    StreamAnswer(
            List<String> events,
            Duration firstDelay,
            Duration gap,
            Ending ending,
            String repeated,
            Map<String, String> headers) {
        super(headers);
        this.events = List.copyOf(events);
        this.firstDelay = firstDelay;
        this.gap = gap;
        this.ending = ending;
        this.repeated = repeated;
    }

    @Override
    Answer withHeaders(Map<String, String> headers) {
        return new StreamAnswer(events, firstDelay, gap, ending, repeated, headers);
    }

    @Override
    void play(Exchange exchange) {
        HttpServerResponse response = exchange.response();
        response.setChunked(true);
        head(response, 200, "text/event-stream");
        response.putHeader("cache-control", "no-cache");
        Future<Void> head = response.writeHead();
        exchange.schedule(firstDelay, () -> emit(exchange, 0, head));
    }

    /** Writes frame {@code i} and schedules the next; {@code written} completes when the previous write did. */
    private void emit(Exchange exchange, int i, Future<Void> written) {
        if (exchange.gone()) {
            return;
        }
        if (i < events.size()) {
            Future<Void> next = exchange.response().write(events.get(i));
            exchange.schedule(i + 1 < events.size() ? gap : Duration.ZERO, () -> emit(exchange, i + 1, next));
            return;
        }
        // A drop waits for the last frame to be flushed, or the client might never see it before the reset.
        switch (ending) {
            case END -> exchange.response().end();
            case DROP -> written.onComplete(ignored -> exchange.drop());
            case HANG -> {}
            case REPEAT -> exchange.every(gap, () -> exchange.response().write(repeated));
        }
    }
}
