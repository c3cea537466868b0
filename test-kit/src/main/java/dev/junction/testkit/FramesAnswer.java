package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A chunked binary stream (AWS event-stream frames), each frame written as its own chunk, then the end. */
final class FramesAnswer extends Answer {
    private final String contentType;
    private final List<Buffer> frames;
    private final Duration gap;

    FramesAnswer(String contentType, List<Buffer> frames, Duration gap, Map<String, String> headers) {
        super(headers);
        this.contentType = contentType;
        this.frames = List.copyOf(frames);
        this.gap = gap;
    }

    @Override
    Answer withHeaders(Map<String, String> headers) {
        return new FramesAnswer(contentType, frames, gap, headers);
    }

    @Override
    void play(Exchange exchange) {
        HttpServerResponse response = exchange.response();
        response.setChunked(true);
        head(response, 200, contentType);
        response.writeHead();
        emit(exchange, 0);
    }

    private void emit(Exchange exchange, int i) {
        if (exchange.gone()) {
            return;
        }
        if (i == frames.size()) {
            exchange.response().end();
            return;
        }
        exchange.response().write(frames.get(i).copy());
        exchange.schedule(gap, () -> emit(exchange, i + 1));
    }
}
