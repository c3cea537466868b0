package dev.junction.provider.anthropic;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Reads a {@code Retry-After} header, which RFC 9110 allows as delay-seconds or as an HTTP date. */
final class RetryAfter {
    private static final Pattern SECONDS = Pattern.compile("\\d{1,9}(\\.\\d{1,9})?");

    private RetryAfter() {}

    /** The delay, or null when the header is absent or unreadable. A date in the past means "now". */
    static Duration parse(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        if (SECONDS.matcher(value).matches()) {
            // Anthropic sends whole seconds, but a fraction costs nothing to honour
            return Duration.ofMillis(new BigDecimal(value).movePointRight(3).longValue());
        }
        try {
            Duration delay = Duration.between(
                    clock.instant(),
                    ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                            .toInstant());
            return delay.isNegative() ? Duration.ZERO : delay;
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }
}
