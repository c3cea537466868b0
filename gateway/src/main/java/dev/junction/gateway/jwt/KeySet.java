package dev.junction.gateway.jwt;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One fetched key set, ready to verify tokens with Vert.x's JWT provider. Only public signature keys are
 * taken: RSA (RS256/384/512 and PS256/384/512, LiteLLM's algorithms) and EC. Symmetric keys are never
 * accepted from a key set, so a token cannot have itself checked with a key it chose. A key without an
 * {@code alg} is offered under every algorithm of its type.
 *
 * @param auth the provider holding the keys
 * @param fetchedAt when the set was fetched
 * @param keyCount how many keys it holds
 */
record KeySet(JWTAuth auth, Instant fetchedAt, int keyCount) {
    private static final List<String> RSA = List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512");
    private static final Map<String, String> EC = Map.of("P-256", "ES256", "P-384", "ES384", "P-521", "ES512");

    /**
     * @param checks the claims checked besides the signature
     * @throws IllegalStateException when no key of the set can verify a signature: an empty set would leave
     *     Vert.x's provider accepting unsigned tokens
     */
    static KeySet of(Vertx vertx, JsonArray keys, JWTOptions checks, Instant fetchedAt) {
        JWTAuthOptions options = new JWTAuthOptions().setJWTOptions(checks);
        int count = 0;
        for (Object each : keys) {
            List<String> algorithms =
                    each instanceof JsonObject key && isSignatureKey(key) ? algorithms(key) : List.of();
            for (String alg : algorithms) {
                options.addJwk(((JsonObject) each).copy().put("alg", alg));
            }
            count += algorithms.isEmpty() ? 0 : 1;
        }
        if (count == 0) {
            throw new IllegalStateException("the key set holds no RSA or EC signature key");
        }
        return new KeySet(JWTAuth.create(vertx, options), fetchedAt, count);
    }

    private static boolean isSignatureKey(JsonObject key) {
        String type = key.getString("kty");
        String use = key.getString("use");
        return ("RSA".equals(type) || "EC".equals(type)) && (use == null || "sig".equals(use));
    }

    private static List<String> algorithms(JsonObject key) {
        String alg = key.getString("alg");
        if (alg != null) {
            return RSA.contains(alg) || EC.containsValue(alg) ? List.of(alg) : List.of();
        }
        if ("RSA".equals(key.getString("kty"))) {
            return RSA;
        }
        String curve = EC.get(key.getString("crv"));
        return curve == null ? List.of() : List.of(curve);
    }
}
