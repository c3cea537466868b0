package dev.junction.testkit;

import java.util.Map;

/** Closes the connection before any byte of a response: what a crashed upstream or a reset looks like. */
final class DropAnswer extends Answer {
    DropAnswer(Map<String, String> headers) {
        super(headers);
    }

    @Override
    Answer withHeaders(Map<String, String> headers) {
        return new DropAnswer(headers);
    }

    @Override
    void play(Exchange exchange) {
        exchange.drop();
    }
}
