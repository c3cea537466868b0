package dev.junction.provider;

import io.vertx.core.MultiMap;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads an upstream's {@code Retry-After} (seconds or an HTTP date) and {@code retry-after-ms}. */
public final class RetryAfter {
    private RetryAfter() {}

    /** The delay the upstream asked for, or null when it gave none (or an unreadable one). */
    public static Duration parse(MultiMap headers) {
        return parse(headers, Clock.systemUTC());
    }

    /** As {@link #parse(MultiMap)}, with the clock an HTTP date is measured against. */
    public static Duration parse(MultiMap headers, Clock clock) {
        if (headers == null) {
            return null;
        }
        String millis = headers.get("retry-after-ms");
        if (millis != null) {
            try {
                return nonNegative(Duration.ofMillis((long) Double.parseDouble(millis.trim())));
            } catch (NumberFormatException ignored) {
                // fall through to Retry-After
            }
        }
        String value = headers.get("retry-after");
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return nonNegative(Duration.ofMillis((long) (Double.parseDouble(value.trim()) * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                return nonNegative(Duration.between(clock.instant(), at.toInstant()));
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    private static Duration nonNegative(Duration delay) {
        return delay.isNegative() ? Duration.ZERO : delay;
    }
}
