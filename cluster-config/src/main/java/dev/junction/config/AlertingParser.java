package dev.junction.config;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code general_settings.alerting}, {@code alert_types}, {@code alerting_threshold} and the rest. */
final class AlertingParser {
    private static final String GENERAL = "general_settings";

    private AlertingParser() {}

    static AlertingSettings parse(JsonObject general, ParseContext context) {
        Set<String> channels = channels(general, context);
        Set<String> types = types(general, context);
        Number threshold =
                Fields.positiveNumber(context, general.getValue("alerting_threshold"), path("alerting_threshold"));
        JsonObject args = args(general, context);
        return new AlertingSettings(
                channels,
                types,
                threshold == null
                        ? AlertingSettings.DEFAULT_THRESHOLD
                        : Duration.ofMillis(Math.round(threshold.doubleValue() * 1000)),
                webhookUrls(general, context),
                args);
    }

    private static Set<String> channels(JsonObject general, ParseContext context) {
        String path = path("alerting");
        List<String> names = Fields.strings(context, general.getValue("alerting"), path);
        Set<String> channels = new LinkedHashSet<>();
        if (names == null) {
            return channels;
        }
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (!AlertingSettings.CHANNELS.contains(name)) {
                throw new ConfigException(
                        YamlPath.index(path, i),
                        "unknown alerting channel '" + name + "'; one of email, slack, webhook");
            }
            channels.add(name);
        }
        return channels;
    }

    /** {@code alert_types}; LiteLLM's types Junction does not send are reported, not refused. */
    private static Set<String> types(JsonObject general, ParseContext context) {
        String path = path("alert_types");
        List<String> names = Fields.strings(context, general.getValue("alert_types"), path);
        if (names == null) {
            return AlertingSettings.SUPPORTED_TYPES;
        }
        Set<String> types = new LinkedHashSet<>();
        for (String name : names) {
            if (AlertingSettings.SUPPORTED_TYPES.contains(name)) {
                types.add(name);
            } else {
                context.warn(path, "alert type '" + name + "' is not sent by Junction and is ignored");
            }
        }
        return types;
    }

    /**
     * {@code alerting_args}: the keys Junction acts on must be numbers above 0; LiteLLM's others (report
     * frequencies, Slack's log-level filters, ...) are reported as ignored.
     */
    private static JsonObject args(JsonObject general, ParseContext context) {
        String path = path("alerting_args");
        JsonObject args = Fields.object(context, general.getValue("alerting_args"), path);
        if (args == null) {
            return null;
        }
        for (String name : args.fieldNames()) {
            String entry = YamlPath.key(path, name);
            if (AlertingSettings.ARGS.contains(name)) {
                Fields.positiveNumber(context, args.getValue(name), entry);
            } else {
                context.warn(entry, "is not used by Junction and is ignored (used: " + AlertingSettings.ARGS + ")");
            }
        }
        return args;
    }

    /** {@code alert_to_webhook_url}: an alert type to one URL or a list of them. */
    private static Map<String, List<String>> webhookUrls(JsonObject general, ParseContext context) {
        String path = path("alert_to_webhook_url");
        JsonObject section = Fields.object(context, general.getValue("alert_to_webhook_url"), path);
        Map<String, List<String>> urls = new LinkedHashMap<>();
        if (section == null) {
            return urls;
        }
        for (String type : section.fieldNames()) {
            String entry = YamlPath.key(path, type);
            Object value = section.getValue(type);
            List<String> list = value instanceof String one ? List.of(one) : Fields.strings(context, value, entry);
            if (list != null && !list.isEmpty()) {
                urls.put(type, List.copyOf(list));
            }
        }
        return urls;
    }

    private static String path(String key) {
        return YamlPath.key(GENERAL, key);
    }
}
