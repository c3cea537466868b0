package dev.junction.gateway.observe.callbacks;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code callbacks: ["generic_api"]}: LiteLLM's generic HTTP logger. Each call's standard logging payload goes,
 * batched as a JSON array, to {@code GENERIC_LOGGER_ENDPOINT} with the headers of {@code
 * GENERIC_LOGGER_HEADERS} ({@code name=value,name=value}).
 */
final class GenericApiSink implements Consumer<FinishedCall>, AutoCloseable {
    private final BatchSender sender;
    private final boolean successes;
    private final boolean failures;
    private final boolean messageLogging;

    GenericApiSink(
            Vertx vertx,
            HttpClient client,
            String endpoint,
            String headers,
            boolean successes,
            boolean failures,
            boolean messageLogging) {
        this.sender = new BatchSender(
                "The generic_api logger", vertx, client, endpoint, headers(headers), BatchSender::jsonArray);
        this.successes = successes;
        this.failures = failures;
        this.messageLogging = messageLogging;
    }

    /** LiteLLM's format: comma-separated {@code name=value} pairs. */
    static Map<String, String> headers(String text) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (text == null) {
            return headers;
        }
        for (String item : text.split(",")) {
            int equals = item.indexOf('=');
            if (equals > 0) {
                headers.put(
                        item.substring(0, equals).trim(),
                        item.substring(equals + 1).trim());
            }
        }
        return headers;
    }

    @Override
    public void accept(FinishedCall call) {
        if (call.end().succeeded() ? successes : failures) {
            sender.add(StandardLoggingPayload.of(call, messageLogging));
        }
    }

    @Override
    public void close() {
        sender.close();
    }
}
