package dev.junction.testkit;

import static dev.junction.testkit.TestClient.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The fake token server grants a token only for a JWT that Google would accept from the service account. */
@ExtendWith(VertxExtension.class)
class GoogleServiceAccountTest {
    private FakeUpstream upstream;
    private TestClient client;
    private GoogleServiceAccount account;

    @BeforeEach
    void start(Vertx vertx) {
        upstream = await(FakeUpstream.start(vertx));
        client = new TestClient(vertx, upstream);
        account = GoogleServiceAccount.create(upstream, "kit-project");
        upstream.on(GoogleServiceAccount.TOKEN_PATH).replyAlways(account.tokenEndpoint());
    }

    @AfterEach
    void stop() {
        await(upstream.close());
    }

    private JsonObject claims(long expiresIn) {
        long now = Instant.now().getEpochSecond();
        return new JsonObject()
                .put("iss", account.json().getString("client_email"))
                .put("aud", "https://oauth2.googleapis.com/token")
                .put("scope", GoogleServiceAccount.CLOUD_PLATFORM)
                .put("iat", now)
                .put("exp", now + expiresIn);
    }

    private static String jwt(JsonObject claims, JsonObject keyFile) throws Exception {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString(
                new JsonObject().put("alg", "RS256").put("typ", "JWT").encode().getBytes(StandardCharsets.UTF_8));
        String payload = base64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(privateKey(keyFile));
        signer.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + base64.encodeToString(signer.sign());
    }

    private static PrivateKey privateKey(JsonObject keyFile) throws Exception {
        String pem = keyFile.getString("private_key")
                .replace("-----BEGIN PRIVATE KEY-----", "")
                .replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }

    private TestClient.Reply grant(String grantType, String assertion) {
        String form = "grant_type=" + URLEncoder.encode(grantType, StandardCharsets.UTF_8) + "&assertion="
                + URLEncoder.encode(assertion, StandardCharsets.UTF_8);
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("content-type", "application/x-www-form-urlencoded");
        return client.post(GoogleServiceAccount.TOKEN_PATH, headers, form);
    }

    private TestClient.Reply grant(String assertion) {
        return grant("urn:ietf:params:oauth:grant-type:jwt-bearer", assertion);
    }

    @Test
    void a_jwt_signed_with_the_accounts_key_gets_a_new_token() throws Exception {
        TestClient.Reply first = grant(jwt(claims(3600), account.json()));
        TestClient.Reply second = grant(jwt(claims(3600), account.json()));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json())
                .isEqualTo(new JsonObject()
                        .put("access_token", "ya29.fake-1")
                        .put("expires_in", 3600)
                        .put("token_type", "Bearer"));
        assertThat(second.json().getString("access_token")).isEqualTo("ya29.fake-2");
        assertThat(account.tokensIssued()).isEqualTo(2);
    }

    @Test
    void another_key_or_claims_changed_after_signing_fail_the_signature() throws Exception {
        String signed = jwt(claims(3600), account.json());
        String[] parts = signed.split("\\.");
        String widened = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(claims(3600)
                        .put("scope", "https://www.googleapis.com/auth/everything")
                        .encode()
                        .getBytes(StandardCharsets.UTF_8));

        TestClient.Reply wrongKey = grant(jwt(claims(3600), account.jsonWithWrongKey()));
        TestClient.Reply tampered = grant(parts[0] + "." + widened + "." + parts[2]);

        for (TestClient.Reply refused : new TestClient.Reply[] {wrongKey, tampered}) {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json())
                    .isEqualTo(new JsonObject()
                            .put("error", "invalid_grant")
                            .put("error_description", "Invalid JWT Signature."));
        }
        assertThat(account.tokensIssued()).isZero();
    }

    @Test
    void an_expired_jwt_a_missing_scope_or_another_grant_type_are_refused() throws Exception {
        TestClient.Reply expired = grant(jwt(claims(-10), account.json()));
        TestClient.Reply noScope = grant(jwt(claims(3600).put("scope", "openid"), account.json()));
        TestClient.Reply otherGrant = grant("client_credentials", jwt(claims(3600), account.json()));

        assertThat(expired.json().getString("error_description")).contains("short-lived");
        assertThat(noScope.json().getString("error_description")).contains("scope");
        assertThat(otherGrant.json().getString("error")).isEqualTo("unsupported_grant_type");
        assertThat(account.tokensIssued()).isZero();
    }
}
