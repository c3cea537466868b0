package dev.junction.config;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The supported part of {@code general_settings}.
 *
 * @param masterKey the admin key; null means the gateway is open
 * @param maxRequestSizeMb the largest request body accepted
 * @param allowClientSideCredentials whether a request may carry its own {@code api_key}/{@code api_base}
 * @param raw every {@code general_settings} value with {@code os.environ/} resolved, except {@code
 *     master_key} (typed above), kept for features that are not built yet ({@code database_url}, ...)
 */
public record GeneralSettings(
        Secret masterKey, double maxRequestSizeMb, boolean allowClientSideCredentials, JsonObject raw) {
    public static final double DEFAULT_MAX_REQUEST_SIZE_MB = 32;
    /** LiteLLM's default is 10 s; spend is written more often here, as a crash loses at most one interval. */
    public static final Duration DEFAULT_PROXY_BATCH_WRITE_AT = Duration.ofSeconds(1);

    public GeneralSettings {
        if (!(maxRequestSizeMb > 0)) {
            throw new IllegalArgumentException("max_request_size_mb must be positive");
        }
        raw = raw == null ? new JsonObject() : raw.copy();
        raw.remove("master_key");
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
        Number seconds = (Number) raw.getValue("proxy_batch_write_at");
        return seconds == null
                ? DEFAULT_PROXY_BATCH_WRITE_AT
                : Duration.ofMillis(Math.max(1, Math.round(seconds.doubleValue() * 1000)));
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
