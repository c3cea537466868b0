package dev.junction.gateway.keys.store;

/**
 * The database failed or could not be reached. Its message names the store ({@link
 * dev.junction.gateway.keys.KeyStore#describe()}) but never a password or a key.
 */
public final class KeyStoreException extends RuntimeException {
    public KeyStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
