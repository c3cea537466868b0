package dev.junction.testkit;

import java.util.Map;
import java.util.function.Function;

/** An answer made from the request itself: for fakes that check what they receive (a signed token grant). */
final class ComputedAnswer extends Answer {
    private final Function<RecordedRequest, Answer> compute;

    ComputedAnswer(Function<RecordedRequest, Answer> compute, Map<String, String> headers) {
        super(headers);
        this.compute = compute;
    }

    @Override
    Answer withHeaders(Map<String, String> headers) {
        return new ComputedAnswer(compute, headers);
    }

    @Override
    void play(Exchange exchange) {
        Answer answer = compute.apply(exchange.recorded());
        for (Map.Entry<String, String> header : headers().entrySet()) {
            answer = answer.header(header.getKey(), header.getValue());
        }
        answer.play(exchange);
    }
}
