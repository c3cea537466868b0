package dev.junction.testkit;

import java.util.Map;

/** Reads the request and then says nothing; the connection stays open until the client or the fake closes it. */
final class HangAnswer extends Answer {
    HangAnswer(Map<String, String> headers) {
        super(headers);
    }

    @Override
    Answer withHeaders(Map<String, String> headers) {
        return new HangAnswer(headers);
    }

    @Override
    void play(Exchange exchange) {
        // Deliberately nothing: the exchange notices when the client gives up.
    }
}
