package dev.junction.gateway.keys.store;

import dev.junction.config.ConfigException;
import dev.junction.config.GeneralSettings;
import dev.junction.gateway.keys.DurationText;
import java.time.Duration;

/**
 * LiteLLM's spend log retention: rows older than {@code maximum_spend_logs_retention_period} are deleted every
 * {@code maximum_spend_logs_retention_interval} (default 1 day). Without a period rows are kept.
 *
 * @param period how long rows are kept, or null for ever
 * @param interval how often old rows are deleted
 */
public record SpendLogRetention(Duration period, Duration interval) {
    static final Duration DEFAULT_INTERVAL = Duration.ofDays(1);

    public boolean enabled() {
        return period != null;
    }

    /** Read from {@code general_settings}; a value that is not a duration stops start-up naming it. */
    public static SpendLogRetention of(GeneralSettings general) {
        Duration period = duration(general, GeneralSettings.SPEND_LOGS_RETENTION_PERIOD);
        Duration interval = duration(general, GeneralSettings.SPEND_LOGS_RETENTION_INTERVAL);
        return new SpendLogRetention(period, interval == null ? DEFAULT_INTERVAL : interval);
    }

    /**
     * The {@code general_settings} duration {@code key} (LiteLLM's {@code 30d} form), null when not set; one that is
     * not a duration stops start-up naming it.
     */
    public static Duration duration(GeneralSettings general, String key) {
        String text = general.raw().getString(key);
        if (text == null) {
            return null;
        }
        try {
            Duration duration = DurationText.parse(text);
            if (duration.isZero()) {
                throw new IllegalArgumentException("'" + text + "' is zero");
            }
            return duration;
        } catch (IllegalArgumentException invalid) {
            throw new ConfigException("general_settings." + key, invalid.getMessage());
        }
    }
}
