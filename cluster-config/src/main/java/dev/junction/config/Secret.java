package dev.junction.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A credential read from the config. Its {@link #toString()} never shows the value, so a secret that
 * slips into a log line or an error message stays hidden.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return value == null ? null : new Secret(value);
    }

    /** The raw value, for the one place that must send it (an upstream auth header). */
    public String reveal() {
        return value;
    }

    /** Compares in constant time, so response timing does not leak how much of a guess was right. */
    public boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "****";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
