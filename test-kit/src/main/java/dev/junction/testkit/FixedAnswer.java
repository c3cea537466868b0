package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import java.util.Map;

/** A complete response written at once. */
final class FixedAnswer extends Answer {
    private final int status;
    private final String contentType;
    private final Buffer body;

    FixedAnswer(int status, String contentType, Buffer body, Map<String, String> headers) {
        super(headers);
        this.status = status;
        this.contentType = contentType;
        this.body = body;
    }

    @Override
    Answer withHeaders(Map<String, String> headers) {
        return new FixedAnswer(status, contentType, body, headers);
    }

    @Override
    void play(Exchange exchange) {
        head(exchange.response(), status, contentType);
        exchange.response().end(body.copy());
    }
}
