package dev.junction.testkit;

import java.time.Duration;
import java.util.Map;

/** Waits, then plays another answer; headers added to it go to the wrapped answer. */
final class DelayedAnswer extends Answer {
    private final Duration delay;
    private final Answer answer;

    DelayedAnswer(Duration delay, Answer answer) {
        super(answer.headers());
        this.delay = delay;
        this.answer = answer;
    }

    @Override
    Answer withHeaders(Map<String, String> headers) {
        return new DelayedAnswer(delay, answer.withHeaders(headers));
    }

    @Override
    void play(Exchange exchange) {
        exchange.schedule(delay, () -> answer.play(exchange));
    }
}
