package dev.junction.gateway.keys;

import dev.junction.config.LiteLlmDuration;
import java.time.Duration;

/**
 * LiteLLM's duration strings ({@code duration}, {@code budget_duration}), read as the config file reads them
 * ({@link LiteLlmDuration}).
 */
public final class DurationText {
    private DurationText() {}

    /** The duration, or an IllegalArgumentException saying which forms are accepted. */
    public static Duration parse(String text) {
        return LiteLlmDuration.parse(text);
    }
}
