package dev.junction.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LiteLLM's duration strings ({@code duration}, {@code budget_duration}): a whole number and a unit, {@code
 * s}, {@code m}, {@code h}, {@code d}, {@code w} or {@code mo} (30 days). Read by the config file and by the
 * management API alike, so both accept the same forms.
 */
public final class LiteLlmDuration {
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})\\s*(s|m|h|d|w|mo)");

    private LiteLlmDuration() {}

    /** The duration, or an IllegalArgumentException saying which forms are accepted. */
    public static Duration parse(String text) {
        Matcher match = FORM.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!match.matches()) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a duration: use a number and s, m, h, d, w or mo, as in 30d");
        }
        long amount = Long.parseLong(match.group(1));
        return switch (match.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            case "w" -> Duration.ofDays(7 * amount);
            default -> Duration.ofDays(30 * amount);
        };
    }
}
