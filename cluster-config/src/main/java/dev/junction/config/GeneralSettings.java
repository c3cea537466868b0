package dev.junction.config;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The supported part of {@code general_settings}.
 *
 * @param masterKey the admin key; null means the gateway is open
 * @param maxRequestSizeMb the largest request body accepted
 * @param allowClientSideCredentials whether a request may carry its own {@code api_key}/{@code api_base}
 * @param raw every {@code general_settings} value with {@code os.environ/} resolved, except {@code
 *     master_key} (typed above), kept for features that are not built yet ({@code database_url}, ...)
 * @param access the access controls ({@code allowed_ips}, {@code allowed_routes}, JWT, ...)
 */
public record GeneralSettings(
        Secret masterKey,
        double maxRequestSizeMb,
        boolean allowClientSideCredentials,
        JsonObject raw,
        AccessSettings access) {
    public static final double DEFAULT_MAX_REQUEST_SIZE_MB = 32;
    /** LiteLLM's default is 10 s; spend is written more often here, as a crash loses at most one interval. */
    public static final Duration DEFAULT_PROXY_BATCH_WRITE_AT = Duration.ofSeconds(1);

    /** LiteLLM's switch that stops writing a spend log row per call. */
    public static final String DISABLE_SPEND_LOGS = "disable_spend_logs";
    /** LiteLLM's duration text ({@code 30d}) after which spend log rows are deleted; unset keeps them. */
    public static final String SPEND_LOGS_RETENTION_PERIOD = "maximum_spend_logs_retention_period";
    /** LiteLLM's duration text between two deletions of old spend log rows (default 1 day). */
    public static final String SPEND_LOGS_RETENTION_INTERVAL = "maximum_spend_logs_retention_interval";
    /** The most request-body bytes a node holds at once (Junction's own key; default: see the gateway). */
    public static final String MAX_BUFFERED_REQUEST_MB = "max_buffered_request_mb";
    /** Seconds a new connection may take to send a whole request head (nginx's name and default). */
    public static final String CLIENT_HEADER_TIMEOUT = "client_header_timeout";
    /** Seconds a request body may go without a byte arriving (nginx's name and default). */
    public static final String CLIENT_BODY_TIMEOUT = "client_body_timeout";
    /** Seconds a keep-alive connection with no request in flight stays open (nginx's name and default). */
    public static final String KEEPALIVE_TIMEOUT = "keepalive_timeout";
    /** LiteLLM's switch for models added through {@code /model/new}, stored in the key store. */
    public static final String STORE_MODEL_IN_DB = "store_model_in_db";

    public static final Duration DEFAULT_CLIENT_HEADER_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_CLIENT_BODY_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_KEEPALIVE_TIMEOUT = Duration.ofSeconds(75);

    public GeneralSettings {
        if (!(maxRequestSizeMb > 0)) {
            throw new IllegalArgumentException("max_request_size_mb must be positive");
        }
        raw = raw == null ? new JsonObject() : raw.copy();
        raw.remove("master_key");
        access = access == null ? AccessSettings.NONE : access;
    }

    public GeneralSettings(
            Secret masterKey, double maxRequestSizeMb, boolean allowClientSideCredentials, JsonObject raw) {
        this(masterKey, maxRequestSizeMb, allowClientSideCredentials, raw, AccessSettings.NONE);
    }

    public GeneralSettings(Secret masterKey, double maxRequestSizeMb, boolean allowClientSideCredentials) {
        this(masterKey, maxRequestSizeMb, allowClientSideCredentials, new JsonObject());
    }

    public static GeneralSettings defaults() {
        return new GeneralSettings(null, DEFAULT_MAX_REQUEST_SIZE_MB, false);
    }

    public long maxRequestBytes() {
        return (long) (maxRequestSizeMb * 1024 * 1024);
    }

    /** {@code database_url}; a credential (it usually embeds the password), hence a Secret. */
    public Optional<Secret> databaseUrl() {
        return Optional.ofNullable(Secret.of(raw.getString("database_url")));
    }

    /** {@code proxy_batch_write_at}: seconds between two batched spend writes. */
    public Duration proxyBatchWriteAt() {
        return seconds("proxy_batch_write_at", DEFAULT_PROXY_BATCH_WRITE_AT);
    }

    /** Whether a spend log row is written per call ({@code disable_spend_logs} is not true). */
    public boolean spendLogs() {
        return !Boolean.TRUE.equals(raw.getValue(DISABLE_SPEND_LOGS));
    }

    /** {@code max_buffered_request_mb} in bytes, when configured. */
    public OptionalLong maxBufferedRequestBytes() {
        Number megabytes = (Number) raw.getValue(MAX_BUFFERED_REQUEST_MB);
        return megabytes == null
                ? OptionalLong.empty()
                : OptionalLong.of(Math.max(1, (long) (megabytes.doubleValue() * 1024 * 1024)));
    }

    public Duration clientHeaderTimeout() {
        return seconds(CLIENT_HEADER_TIMEOUT, DEFAULT_CLIENT_HEADER_TIMEOUT);
    }

    public Duration clientBodyTimeout() {
        return seconds(CLIENT_BODY_TIMEOUT, DEFAULT_CLIENT_BODY_TIMEOUT);
    }

    public Duration keepaliveTimeout() {
        return seconds(KEEPALIVE_TIMEOUT, DEFAULT_KEEPALIVE_TIMEOUT);
    }

    private Duration seconds(String key, Duration fallback) {
        Number seconds = (Number) raw.getValue(key);
        return seconds == null ? fallback : Duration.ofMillis(Math.max(1, Math.round(seconds.doubleValue() * 1000)));
    }

    /**
     * {@code budget_fail_mode: closed}: a call whose budget counter does not answer in time is refused; by
     * default ({@code open}) the node decides alone, within its share of what was left.
     */
    public boolean budgetFailsClosed() {
        return "closed".equals(raw.getString("budget_fail_mode"));
    }

    /** {@code budget_quorum}: the members a side of a split cluster needs for its budget counters to answer. */
    public OptionalInt budgetQuorum() {
        Number members = (Number) raw.getValue("budget_quorum");
        return members == null ? OptionalInt.empty() : OptionalInt.of(members.intValue());
    }

    /** {@code store_model_in_db} (or {@code STORE_MODEL_IN_DB}): whether the model API may change models. */
    public boolean storeModelInDb() {
        return raw.getBoolean(STORE_MODEL_IN_DB, false);
    }

    /** {@code max_parallel_requests}: the per-deployment concurrency limit, when configured. */
    public OptionalInt maxParallelRequests() {
        Integer value = raw.getInteger("max_parallel_requests");
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }

    @Override
    public String toString() {
        // raw holds credentials such as database_url, so only its key names are shown.
        return "GeneralSettings[masterKey=" + (masterKey == null ? "none" : masterKey) + ", maxRequestSizeMb="
                + maxRequestSizeMb + ", allowClientSideCredentials=" + allowClientSideCredentials + ", keys="
                + raw.fieldNames() + "]";
    }
}
