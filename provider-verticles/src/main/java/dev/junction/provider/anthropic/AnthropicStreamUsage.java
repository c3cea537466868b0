package dev.junction.provider.anthropic;

import dev.junction.cluster.bus.Usage;
import io.vertx.core.json.JsonObject;

/**
 * The usage of one Anthropic stream as its events tell it: {@code message_start} gives the input counts,
 * every {@code message_delta} the cumulative output count (newer API versions repeat the input counts there).
 */
final class AnthropicStreamUsage {
    private JsonObject usage = new JsonObject();

    void start(JsonObject message) {
        usage = message.getJsonObject("usage", new JsonObject()).copy();
    }

    void delta(JsonObject event) {
        usage.mergeIn(event.getJsonObject("usage", new JsonObject()));
    }

    /** The raw counts so far. */
    JsonObject counts() {
        return usage;
    }

    Usage usage() {
        return usage.isEmpty() ? Usage.NONE : AnthropicUsage.from(usage);
    }
}
