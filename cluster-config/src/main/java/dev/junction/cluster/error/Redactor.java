package dev.junction.cluster.error;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Masks secrets in a text bound for a client: the one function every error message passes through, answered
 * or streamed. Upstreams quote the key they rejected, echo the request's headers, or name a URL with its
 * token; none of that may reach the gateway's caller.
 *
 * <p>Two kinds of secret are masked: those known to belong to the deployment (its key, tokens, headers), and
 * anything shaped like a credential whoever it belongs to (bearer tokens, {@code sk-...} keys, Google API
 * keys, {@code api_key=...} pairs, a URL's user info and the credentials in its query).
 */
public final class Redactor {
    public static final String MASK = "****";

    /** Shorter known values would mask ordinary words of a message; real keys and tokens are far longer. */
    private static final int MIN_SECRET_LENGTH = 8;

    private record Shape(Pattern pattern, String replacement) {}

    /** A token-like run of at least 8 characters with a digit in it, so that plain words are left alone. */
    private static final String TOKEN = "(?=[A-Za-z0-9._~+/=-]*[0-9])[A-Za-z0-9._~+/=-]{8,}";

    private static final List<Shape> SHAPES = List.of(
            // user:password@ (or token@) in a URL
            new Shape(Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/\\s@?#\"']+@"), "$1" + MASK + "@"),
            // a credential in a query string: ?key=..., &api-key=..., &sig=..., &access_token=...
            new Shape(
                    Pattern.compile("(?i)([?&][a-z0-9_.-]*(?:key|token|secret|password|passwd|sig|signature|auth"
                            + "|credential)[a-z0-9_.-]*=)[^&#\\s\"']+"),
                    "$1" + MASK),
            new Shape(Pattern.compile("(?i)\\b(bearer\\s+)" + TOKEN), "$1" + MASK),
            new Shape(Pattern.compile("\\bsk-[A-Za-z0-9_-]{6,}"), "sk-" + MASK),
            new Shape(Pattern.compile("\\bAIza[0-9A-Za-z_-]{20,}"), MASK),
            // "api_key": "...", api-key: ..., x-api-key=...
            new Shape(Pattern.compile("(?i)\\b((?:x-)?api[-_]?key[\"']?\\s*[:=]\\s*[\"']?)" + TOKEN), "$1" + MASK));

    private Redactor() {}

    /**
     * {@code text} with every known secret and every credential-shaped part masked.
     *
     * @param knownSecrets values that must never appear (a deployment's key and tokens); those shorter than
     *     8 characters are not masked as plain text, only through the shapes
     */
    public static String redact(String text, Collection<String> knownSecrets) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String redacted = text;
        for (String secret : knownSecrets) {
            if (secret != null && secret.length() >= MIN_SECRET_LENGTH) {
                redacted = redacted.replace(secret, MASK);
            }
        }
        for (Shape shape : SHAPES) {
            redacted = shape.pattern().matcher(redacted).replaceAll(shape.replacement());
        }
        return redacted;
    }

    /** {@code failure} with its message redacted; the same instance when there was nothing to mask. */
    public static GatewayException redact(GatewayException failure, Collection<String> knownSecrets) {
        String message = failure.getMessage();
        String redacted = redact(message, knownSecrets);
        return redacted == null || redacted.equals(message) ? failure : failure.withMessage(redacted);
    }
}
