package dev.junction.gateway.admin.spend;

import dev.junction.cluster.error.GatewayException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The dates the spend routes take, as LiteLLM takes them: {@code 2025-01-31} (a whole UTC day) or {@code
 * 2025-01-31 12:00:00} (UTC), or an ISO-8601 instant. An end date that is a day includes that day.
 */
final class SpendDates {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    static final long DAY_MILLIS = 86_400_000L;

    private SpendDates() {}

    /** The first millisecond the date covers, or null. */
    static Long start(String text, String field) {
        return parse(text, field, false);
    }

    /** The millisecond after the last one the date covers, or null. */
    static Long end(String text, String field) {
        return parse(text, field, true);
    }

    /** A UTC day (days since the epoch) as LiteLLM's {@code YYYY-MM-DD}. */
    static String day(long epochDay) {
        return LocalDate.ofEpochDay(epochDay).toString();
    }

    static String time(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }

    private static Long parse(String text, String field, boolean end) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        try {
            if (value.length() == 10) {
                long start = LocalDate.parse(value)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant()
                        .toEpochMilli();
                return end ? start + DAY_MILLIS : start;
            }
            if (value.contains("T")) {
                return Instant.parse(value).toEpochMilli();
            }
            return LocalDateTime.parse(value, DATE_TIME)
                    .toInstant(ZoneOffset.UTC)
                    .toEpochMilli();
        } catch (DateTimeParseException invalid) {
            throw GatewayException.badField(
                    field, field + " must be a date such as 2025-01-31 or 2025-01-31 12:00:00, got '" + text + "'");
        }
    }
}
