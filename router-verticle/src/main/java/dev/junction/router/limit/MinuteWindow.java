package dev.junction.router.limit;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The fixed UTC minute that rpm and tpm usage is counted in, as LiteLLM's usage-based-routing-v2 keys its
 * counters ({@code %H-%M} in UTC). Every node of the cluster derives the same window from the clock, so the
 * counters of one minute are shared without coordination and simply stop being read when it ends.
 */
public final class MinuteWindow {
    private static final DateTimeFormatter KEY =
            DateTimeFormatter.ofPattern("HH-mm").withZone(ZoneOffset.UTC);

    private MinuteWindow() {}

    /** The first instant of the window {@code now} falls in. */
    public static Instant start(Instant now) {
        return now.truncatedTo(ChronoUnit.MINUTES);
    }

    /** The window's key, {@code HH-mm} in UTC, as LiteLLM writes it into its cache keys. */
    public static String key(Instant now) {
        return KEY.format(now);
    }

    /** How long until the next window starts and every deployment's minute budget is fresh again. */
    public static Duration untilNextWindow(Instant now) {
        return Duration.between(now, start(now).plus(1, ChronoUnit.MINUTES));
    }
}
