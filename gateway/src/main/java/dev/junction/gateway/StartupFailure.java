package dev.junction.gateway;

/**
 * A start-up problem the user fixes from its message alone (a port in use, say): {@link Main} prints it on one
 * line and exits with 1, without a stack trace.
 */
public final class StartupFailure extends RuntimeException {
    public StartupFailure(String message) {
        super(message, null, false, false);
    }
}
