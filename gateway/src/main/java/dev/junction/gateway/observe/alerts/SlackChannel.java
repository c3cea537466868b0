package dev.junction.gateway.observe.alerts;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Slack's incoming webhooks: {@code {"text": ...}} to {@code SLACK_WEBHOOK_URL}, or to the URLs {@code
 * alert_to_webhook_url} names for the alert's type.
 */
final class SlackChannel implements AlertChannel {
    private final HttpClient client;
    private final String defaultUrl;
    private final Map<String, List<String>> urlsByType;

    SlackChannel(HttpClient client, String defaultUrl, Map<String, List<String>> urlsByType) {
        this.client = client;
        this.defaultUrl = defaultUrl;
        this.urlsByType = urlsByType;
    }

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public Future<Void> send(Alert alert) {
        List<String> urls = urlsByType.getOrDefault(alert.type(), defaultUrl == null ? List.of() : List.of(defaultUrl));
        JsonObject body = new JsonObject().put("text", text(alert));
        return Future.all(urls.stream()
                        .map(url -> HttpPost.json(client, url, body, Map.of()))
                        .toList())
                .mapEmpty();
    }

    /** LiteLLM's Slack layout: the level and time, then the message. */
    static String text(Alert alert) {
        return "*" + alert.title() + "*\nLevel: `" + alert.level() + "`\nTimestamp: `" + Instant.now() + "`\n\n"
                + alert.message();
    }
}
