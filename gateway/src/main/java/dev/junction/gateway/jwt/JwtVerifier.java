package dev.junction.gateway.jwt;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.NoSuchKeyIdException;
import io.vertx.ext.auth.authentication.TokenCredentials;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * Checks a token's signature against the key set, then its time claims ({@code exp}, {@code nbf}, {@code iat})
 * and, with {@code JWT_AUDIENCE}, its audience, and answers its claims. A token naming a key the set lacks has
 * the set fetched again (see {@link JwksKeys}) and is checked once more. Every refusal is a 401 worded as
 * LiteLLM words it; a key set that cannot be fetched at all is a 503.
 */
final class JwtVerifier {
    private final JwksKeys keys;

    JwtVerifier(JwksKeys keys) {
        this.keys = keys;
    }

    /** The checks besides the signature: the audience when one is required (time claims are always checked). */
    static JWTOptions options(String audience) {
        JWTOptions options = new JWTOptions();
        if (audience != null) {
            options.setAudience(List.of(audience));
        }
        return options;
    }

    /** Whether a presented key has a JWT's shape (three dot-separated parts), as LiteLLM decides. */
    static boolean looksLikeJwt(String key) {
        int first = key.indexOf('.');
        int second = first < 0 ? -1 : key.indexOf('.', first + 1);
        return second > 0 && key.indexOf('.', second + 1) < 0;
    }

    Future<JsonObject> verify(String token) {
        return keys.current()
                .recover(JwtVerifier::noKeys)
                .compose(set -> check(set, token))
                .recover(failure -> failure instanceof NoSuchKeyIdException
                        ? keys.afterUnknownKey().recover(JwtVerifier::noKeys).compose(set -> check(set, token))
                        : Future.failedFuture(failure))
                .recover(failure -> Future.failedFuture(refusal(failure)));
    }

    private static Future<JsonObject> check(KeySet set, String token) {
        return set.auth().authenticate(new TokenCredentials(token)).map(user -> claims(token));
    }

    /** The payload of a token whose signature was verified. */
    private static JsonObject claims(String token) {
        String payload = token.substring(token.indexOf('.') + 1, token.lastIndexOf('.'));
        return new JsonObject(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    }

    private static Future<KeySet> noKeys(Throwable failure) {
        return Future.failedFuture(GatewayException.of(
                        ErrorKind.SERVICE_UNAVAILABLE,
                        "Authentication Error, the JWT public keys could not be fetched: " + failure.getMessage())
                .withRetryAfter(Duration.ofSeconds(1)));
    }

    private static GatewayException refusal(Throwable failure) {
        if (failure instanceof GatewayException known) {
            return known;
        }
        if (failure instanceof NoSuchKeyIdException unknown) {
            return denied("No matching public key found. kid=" + unknown.id());
        }
        String reason = String.valueOf(failure.getMessage());
        return reason.contains("expired") ? denied("Token Expired") : denied("Validation fails: " + reason);
    }

    private static GatewayException denied(String reason) {
        return GatewayException.of(ErrorKind.AUTHENTICATION, "Authentication Error, " + reason);
    }
}
