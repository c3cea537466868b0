package dev.junction.gateway.observe.alerts;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Objects;

/**
 * One alert to send.
 *
 * @param type LiteLLM's alert type ({@code llm_exceptions}, {@code cooldown_deployment}, ...)
 * @param level {@code Low}, {@code Medium} or {@code High}, as LiteLLM's Slack alerts say it
 * @param title what happened, in a few words
 * @param message the details
 * @param key what makes two alerts the same one: the same key is sent once per {@code quiet} over the cluster
 * @param quiet how long an alert of the same key stays silent after it was sent
 * @param fields extra fields for the webhook payload (a budget's spend, a deployment's id, ...)
 */
public record Alert(
        String type, String level, String title, String message, String key, Duration quiet, JsonObject fields) {
    public static final String LOW = "Low";
    public static final String MEDIUM = "Medium";
    public static final String HIGH = "High";

    public Alert {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
        fields = fields == null ? new JsonObject() : fields;
    }

    /** The key the cluster remembers it by: its type and its own key. */
    String dedupKey() {
        return type + ":" + key;
    }
}
