package dev.junction.gateway.observe.alerts;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;

/**
 * {@code alerting: ["webhook"]}: a JSON event to {@code WEBHOOK_URL}, in the shape of LiteLLM's webhook
 * events ({@code event}, {@code event_group}, {@code event_message}, plus the alert's own fields such as
 * {@code spend}, {@code max_budget}, {@code token}).
 */
final class WebhookChannel implements AlertChannel {
    private final HttpClient client;
    private final String url;

    WebhookChannel(HttpClient client, String url) {
        this.client = client;
        this.url = url;
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public Future<Void> send(Alert alert) {
        JsonObject event = alert.fields()
                .copy()
                .put("event", alert.type())
                .put("event_group", alert.fields().getString("event_group", "proxy"))
                .put("event_message", alert.title() + ": " + alert.message())
                .put("level", alert.level())
                .put("timestamp", Instant.now().toString());
        return HttpPost.json(client, url, event, Map.of());
    }
}
