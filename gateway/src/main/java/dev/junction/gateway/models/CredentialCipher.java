package dev.junction.gateway.models;

import dev.junction.config.Secret;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the {@code litellm_params} of models added at run time as LiteLLM does in its AES-GCM mode: the key
 * is the SHA-256 of {@code LITELLM_SALT_KEY}, else of the master key; a value becomes {@code v2:gcm:} and the
 * URL-safe base64 of a 12-byte nonce, the ciphertext and the 16-byte tag. Like LiteLLM, every string of
 * {@code litellm_params} is encrypted, so no judgement about which ones are credentials is needed.
 */
public final class CredentialCipher {
    static final String PREFIX = "v2:gcm:";
    public static final String SALT_VARIABLE = "LITELLM_SALT_KEY";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    private CredentialCipher(String signingKey) {
        this.key = new SecretKeySpec(sha256(signingKey), "AES");
    }

    /**
     * @param salt {@code LITELLM_SALT_KEY}, when set
     * @param masterKey the master key, when set
     * @return empty when neither is set: there is nothing to derive a key from
     */
    public static Optional<CredentialCipher> of(Optional<String> salt, Secret masterKey) {
        Optional<String> signing = salt.filter(text -> !text.isBlank())
                .or(() -> Optional.ofNullable(masterKey).map(Secret::reveal));
        return signing.map(CredentialCipher::new);
    }

    /** Every string value of {@code params} encrypted; other values as they are. */
    public JsonObject encrypt(JsonObject params) {
        JsonObject encrypted = new JsonObject();
        params.forEach(entry -> encrypted.put(
                entry.getKey(), entry.getValue() instanceof String text ? encrypt(text) : entry.getValue()));
        return encrypted;
    }

    /**
     * Every encrypted value of {@code params} decrypted.
     *
     * @throws IllegalStateException when a value does not decrypt with this key (another salt or master key)
     */
    public JsonObject decrypt(JsonObject params) {
        JsonObject plain = new JsonObject();
        params.forEach(entry -> plain.put(
                entry.getKey(),
                entry.getValue() instanceof String text && text.startsWith(PREFIX)
                        ? decrypt(entry.getKey(), text)
                        : entry.getValue()));
        return plain;
    }

    String encrypt(String value) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return PREFIX + Base64.getUrlEncoder().encodeToString(out);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("AES-GCM is not available", impossible);
        }
    }

    private String decrypt(String field, String value) {
        try {
            byte[] raw = Base64.getUrlDecoder().decode(value.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, NONCE_BYTES));
            byte[] plain = cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException wrongKey) {
            // Never the value: it may be a credential sealed with another key.
            throw new IllegalStateException("litellm_params." + field
                    + " does not decrypt with this node's key (LITELLM_SALT_KEY or master key changed?)");
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
