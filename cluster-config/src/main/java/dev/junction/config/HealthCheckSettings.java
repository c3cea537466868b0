package dev.junction.config;

import java.time.Duration;

/**
 * {@code general_settings.background_health_checks}, {@code health_check_interval} and {@code
 * health_check_details}.
 *
 * @param background whether the cluster calls every deployment on its own, once per interval
 * @param interval how often each deployment is checked (LiteLLM's default: 300 s)
 * @param details whether {@code /health} shows each endpoint's parameters beyond its model and error
 */
public record HealthCheckSettings(boolean background, Duration interval, boolean details) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(300);

    public HealthCheckSettings {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("health_check_interval must be positive");
        }
    }

    public static HealthCheckSettings defaults() {
        return new HealthCheckSettings(false, DEFAULT_INTERVAL, true);
    }
}
