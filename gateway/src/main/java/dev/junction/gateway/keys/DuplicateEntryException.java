package dev.junction.gateway.keys;

/** A key token, key alias or team id that is already taken. */
public final class DuplicateEntryException extends RuntimeException {
    private final String field;

    public DuplicateEntryException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request field at fault ({@code key}, {@code key_alias}, {@code team_id}). */
    public String field() {
        return field;
    }
}
