package dev.junction.testkit;

import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throwaway Google service account and the OAuth2 token server that knows it, for Vertex AI tests.
 *
 * <p>{@link #json()} is a service-account key file like the ones Google issues, with a freshly generated RSA
 * key and a {@code token_uri} pointing at the fake. {@link #tokenEndpoint()} answers the JWT-bearer grant
 * ({@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=<JWT>}) as Google does, after
 * checking what Google checks: the RS256 signature against the account's public key, the issuer, the
 * audience, the scope and the expiry. Each accepted grant issues a new token, {@code ya29.fake-<n>}.
 */
public final class GoogleServiceAccount {
    public static final String TOKEN_PATH = "/oauth2/token";
    public static final String CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform";
    private static final String GOOGLE_TOKEN_AUDIENCE = "https://oauth2.googleapis.com/token";

    private final KeyPair keys;
    private final String clientEmail;
    private final String projectId;
    private final String tokenUri;
    private final AtomicInteger issued = new AtomicInteger();
    private volatile Duration lifetime = Duration.ofHours(1);

    private GoogleServiceAccount(KeyPair keys, String projectId, String tokenUri) {
        this.keys = keys;
        this.projectId = projectId;
        this.clientEmail = "junction-test@" + projectId + ".iam.gserviceaccount.com";
        this.tokenUri = tokenUri;
    }

    /** An account of {@code projectId} whose token server is {@code upstream}'s {@link #TOKEN_PATH}. */
    public static GoogleServiceAccount create(FakeUpstream upstream, String projectId) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new GoogleServiceAccount(generator.generateKeyPair(), projectId, upstream.baseUrl() + TOKEN_PATH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key file, as {@code vertex_credentials} takes it. */
    public JsonObject json() {
        return json(keys);
    }

    /** The same account's key file with another private key: what a leaked-and-rotated key looks like. */
    public JsonObject jsonWithWrongKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return json(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonObject json(KeyPair signing) {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(signing.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        return new JsonObject()
                .put("type", "service_account")
                .put("project_id", projectId)
                .put("private_key_id", "0123456789abcdef0123456789abcdef01234567")
                .put("private_key", pem)
                .put("client_email", clientEmail)
                .put("client_id", "100000000000000000001")
                .put("auth_uri", "https://accounts.google.com/o/oauth2/auth")
                .put("token_uri", tokenUri)
                .put("auth_provider_x509_cert_url", "https://www.googleapis.com/oauth2/v1/certs");
    }

    public String projectId() {
        return projectId;
    }

    /** How many tokens the server has issued. */
    public int tokensIssued() {
        return issued.get();
    }

    /** The token that the {@code n}-th grant issued (1-based). */
    public static String token(int n) {
        return "ya29.fake-" + n;
    }

    /** The lifetime of tokens issued from now on ({@code expires_in}), one hour unless set. */
    public void tokenLifetime(Duration lifetime) {
        this.lifetime = lifetime;
    }

    /** The token endpoint's standing answer: script it with {@code upstream.on(TOKEN_PATH).replyAlways(...)}. */
    public Answer tokenEndpoint() {
        return Answer.computed(this::grant);
    }

    private Answer grant(RecordedRequest request) {
        Map<String, String> form = form(request.bodyAsString());
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))) {
            return invalidGrant("unsupported_grant_type", "Invalid grant_type: " + form.get("grant_type"));
        }
        String problem = checkAssertion(form.getOrDefault("assertion", ""));
        if (problem != null) {
            return invalidGrant("invalid_grant", problem);
        }
        JsonObject token = new JsonObject()
                .put("access_token", token(issued.incrementAndGet()))
                .put("expires_in", lifetime.toSeconds())
                .put("token_type", "Bearer");
        return Answer.json(200, token);
    }

    /** Null when the JWT is what Google accepts, else what Google would say about it. */
    private String checkAssertion(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            return "Invalid JWT: Token must be a short-lived token and in a reasonable timeframe";
        }
        Base64.Decoder base64 = Base64.getUrlDecoder();
        JsonObject header = new JsonObject(new String(base64.decode(parts[0]), StandardCharsets.UTF_8));
        if (!"RS256".equals(header.getString("alg"))) {
            return "Invalid JWT Signature.";
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(keys.getPublic());
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(base64.decode(parts[2]))) {
                return "Invalid JWT Signature.";
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return "Invalid JWT Signature.";
        }
        JsonObject claims = new JsonObject(new String(base64.decode(parts[1]), StandardCharsets.UTF_8));
        long now = Instant.now().getEpochSecond();
        if (!clientEmail.equals(claims.getString("iss"))) {
            return "Invalid JWT: issuer is not the service account";
        }
        // Google's library addresses the grant to Google's token endpoint whatever token_uri says; the real
        // server accepts that audience, and so does this one (or the token_uri itself).
        String audience = claims.getString("aud");
        if (!GOOGLE_TOKEN_AUDIENCE.equals(audience) && !tokenUri.equals(audience)) {
            return "Invalid JWT: audience is not the token endpoint";
        }
        if (!String.valueOf(claims.getString("scope")).contains(CLOUD_PLATFORM)) {
            return "Invalid JWT: no cloud-platform scope";
        }
        if (claims.getLong("exp", 0L) < now || claims.getLong("iat", 0L) > now + 60) {
            return "Invalid JWT: Token must be a short-lived token and in a reasonable timeframe";
        }
        return null;
    }

    private static Answer invalidGrant(String error, String description) {
        return Answer.json(400, new JsonObject().put("error", error).put("error_description", description));
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }
}
