package dev.junction.gateway.keys;

import dev.junction.config.Sha256;
import java.security.SecureRandom;
import java.util.Base64;

/** Making virtual keys and hashing them the way LiteLLM does, so that its stored tokens stay valid. */
public final class KeyHashes {
    /** 24 random bytes: 192 bits, above the 128 bits a key must have at least. */
    private static final int KEY_BYTES = 24;

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyHashes() {}

    /** A new key: {@code sk-} and URL-safe base64 of fresh random bytes. */
    public static String newKey() {
        byte[] bytes = new byte[KEY_BYTES];
        RANDOM.nextBytes(bytes);
        return "sk-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The stored token of a key: hex SHA-256 of its UTF-8 bytes, as LiteLLM's {@code hash_token}. */
    public static String token(String key) {
        return Sha256.hex(key);
    }

    /** LiteLLM's display name of a key: {@code sk-...} and its last four characters. */
    public static String displayName(String key) {
        return "sk-..." + key.substring(Math.max(0, key.length() - 4));
    }
}
