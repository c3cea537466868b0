package dev.junction.config;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/** Reads {@code general_settings}. */
final class GeneralSettingsParser {
    private static final String PATH = "general_settings";
    static final String MASTER_KEY_VARIABLE = "LITELLM_MASTER_KEY";

    /** Keys Junction acts on or keeps for a feature in progress; the rest are reported as ignored. */
    static final Set<String> SUPPORTED = Set.of(
            "master_key",
            "database_url",
            "max_request_size_mb",
            "allow_client_side_credentials",
            "max_parallel_requests",
            "proxy_batch_write_at",
            GeneralSettings.DISABLE_SPEND_LOGS,
            GeneralSettings.SPEND_LOGS_RETENTION_PERIOD,
            GeneralSettings.SPEND_LOGS_RETENTION_INTERVAL,
            GeneralSettings.MAX_BUFFERED_REQUEST_MB,
            GeneralSettings.CLIENT_HEADER_TIMEOUT,
            GeneralSettings.CLIENT_BODY_TIMEOUT,
            GeneralSettings.KEEPALIVE_TIMEOUT,
            "budget_fail_mode",
            "budget_quorum",
            GeneralSettings.STORE_MODEL_IN_DB);

    /** Junction's own keys, each a positive number (megabytes or seconds). */
    private static final List<String> POSITIVE_NUMBERS = List.of(
            GeneralSettings.MAX_BUFFERED_REQUEST_MB,
            GeneralSettings.CLIENT_HEADER_TIMEOUT,
            GeneralSettings.CLIENT_BODY_TIMEOUT,
            GeneralSettings.KEEPALIVE_TIMEOUT);

    /** {@code open}: decide a budget alone within the node's share when the cluster does not answer; {@code closed}: refuse. */
    static final List<String> BUDGET_FAIL_MODES = List.of("open", "closed");

    private static final long MAX_QUORUM = 1000;

    private GeneralSettingsParser() {}

    /** @param section the resolved {@code general_settings} value, possibly null */
    static GeneralSettings parse(Object section, ParseContext context) {
        JsonObject settings = Fields.object(context, section, PATH);
        JsonObject raw = settings == null ? new JsonObject() : settings.copy();
        raw.fieldNames().stream()
                .filter(key -> !SUPPORTED.contains(key)
                        && !ObservabilityParser.GENERAL_KEYS.contains(key)
                        && !AccessSettingsParser.KEYS.contains(key))
                .forEach(key -> context.ignore(YamlPath.key(PATH, key)));
        Secret masterKey = masterKey(raw, context);
        Number maxSize =
                Fields.positiveNumber(context, raw.getValue("max_request_size_mb"), path("max_request_size_mb"));
        Boolean clientCredentials = Fields.bool(
                context, raw.getValue("allow_client_side_credentials"), path("allow_client_side_credentials"));
        Long maxParallel = Fields.nonNegativeInteger(
                context, raw.getValue("max_parallel_requests"), path("max_parallel_requests"));
        Fields.string(context, raw.getValue("database_url"), path("database_url"));
        Number batchWriteAt =
                Fields.positiveNumber(context, raw.getValue("proxy_batch_write_at"), path("proxy_batch_write_at"));
        putIfPresent(raw, "max_request_size_mb", maxSize);
        putIfPresent(raw, "allow_client_side_credentials", clientCredentials);
        putIfPresent(raw, "max_parallel_requests", maxParallel);
        putIfPresent(raw, "proxy_batch_write_at", batchWriteAt);
        putIfPresent(
                raw,
                GeneralSettings.DISABLE_SPEND_LOGS,
                Fields.bool(
                        context,
                        raw.getValue(GeneralSettings.DISABLE_SPEND_LOGS),
                        path(GeneralSettings.DISABLE_SPEND_LOGS)));
        for (String key :
                List.of(GeneralSettings.SPEND_LOGS_RETENTION_PERIOD, GeneralSettings.SPEND_LOGS_RETENTION_INTERVAL)) {
            Fields.string(context, raw.getValue(key), path(key));
        }
        for (String key : POSITIVE_NUMBERS) {
            putIfPresent(raw, key, Fields.positiveNumber(context, raw.getValue(key), path(key)));
        }
        String failMode = Fields.string(context, raw.getValue("budget_fail_mode"), path("budget_fail_mode"));
        if (failMode != null && !BUDGET_FAIL_MODES.contains(failMode)) {
            throw context.invalid(path("budget_fail_mode"), "one of " + String.join(", ", BUDGET_FAIL_MODES), failMode);
        }
        Long quorum = Fields.nonNegativeInteger(context, raw.getValue("budget_quorum"), path("budget_quorum"));
        if (quorum != null && (quorum < 1 || quorum > MAX_QUORUM)) {
            throw new ConfigException(path("budget_quorum"), "must be a member count from 1 to " + MAX_QUORUM);
        }
        putIfPresent(raw, "budget_quorum", quorum);
        raw.put(GeneralSettings.STORE_MODEL_IN_DB, storeModelInDb(raw, context));
        return new GeneralSettings(
                masterKey,
                maxSize == null ? GeneralSettings.DEFAULT_MAX_REQUEST_SIZE_MB : maxSize.doubleValue(),
                Boolean.TRUE.equals(clientCredentials),
                raw,
                AccessSettingsParser.parse(raw, context));
    }

    /**
     * {@code master_key}, else the {@code LITELLM_MASTER_KEY} variable. A key given as {@code os.environ/}
     * whose variable is unset is an error: starting without it would leave the gateway open.
     */
    private static Secret masterKey(JsonObject raw, ParseContext context) {
        String path = path("master_key");
        Object value = raw.getValue("master_key");
        if (value == null && context.isUnset(path)) {
            throw context.missing(path);
        }
        String key = Fields.string(context, value, path);
        if (key == null) {
            key = context.environment()
                    .get(MASTER_KEY_VARIABLE)
                    .filter(text -> !text.isBlank())
                    .orElse(null);
        } else if (key.isBlank()) {
            throw new ConfigException(path, "must not be empty");
        }
        return Secret.of(key);
    }

    /** {@code store_model_in_db}, else LiteLLM's {@code STORE_MODEL_IN_DB} variable ("True" or "true"). */
    private static boolean storeModelInDb(JsonObject raw, ParseContext context) {
        String path = path(GeneralSettings.STORE_MODEL_IN_DB);
        Boolean configured = Fields.bool(context, raw.getValue(GeneralSettings.STORE_MODEL_IN_DB), path);
        if (configured != null) {
            return configured;
        }
        return context.environment()
                .get("STORE_MODEL_IN_DB")
                .map(text -> text.equalsIgnoreCase("true"))
                .orElse(false);
    }

    private static void putIfPresent(JsonObject raw, String key, Object value) {
        if (value != null) {
            raw.put(key, value);
        }
    }

    private static String path(String key) {
        return YamlPath.key(PATH, key);
    }
}
