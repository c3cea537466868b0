package dev.junction.gateway;

import static dev.junction.gateway.E2eClient.chatBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.testkit.OpenAiWire;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code enable_jwt_auth} on a real node: tokens signed by the test's own identity provider (a JSON Web Key
 * Set served over HTTP, whose keys the tests rotate), their team and admin claims, and every way a token is
 * refused. The key rotation runs last: it changes the key set the other tests sign with.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JwtAuthIT {
    private static final String AUDIENCE = "junction-tests";

    private static Vertx vertx;
    private static HttpServer identityProvider;
    private static final AtomicReference<JsonArray> published = new AtomicReference<>();
    private static final AtomicInteger keySetFetches = new AtomicInteger();
    private static KeyPair first;
    private static KeyPair second;
    private static GatewayHarness gateway;

    @BeforeAll
    static void start() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        first = generator.generateKeyPair();
        second = generator.generateKeyPair();
        published.set(new JsonArray().add(jwk(first, "k1")));
        vertx = Vertx.vertx();
        identityProvider = GatewayHarness.await(vertx.createHttpServer()
                .requestHandler(request -> {
                    keySetFetches.incrementAndGet();
                    request.response()
                            .putHeader("content-type", "application/json")
                            .end(new JsonObject().put("keys", published.get()).encode());
                })
                .listen(0, "127.0.0.1"));
        Map<String, String> env = Map.of(
                "JWT_PUBLIC_KEY_URL",
                "http://127.0.0.1:" + identityProvider.actualPort() + "/.well-known/jwks.json",
                "JWT_AUDIENCE",
                AUDIENCE);
        gateway = GatewayHarness.start("/e2e/jwt-auth.yaml", Map.of(), env, "junction-jwt-" + UUID.randomUUID(), null);
        HttpResponse<String> team = gateway.post(
                "/team/new",
                new JsonObject()
                        .put("team_id", "team-a")
                        .put("models", new JsonArray().add("gpt"))
                        .encode(),
                "authorization",
                "Bearer sk-master-jwt");
        assertThat(team.statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        GatewayHarness.await(vertx.close());
    }

    @BeforeEach
    void upstream() {
        gateway.upstream.reset();
        gateway.upstream.on("/gpt/v1/chat/completions").replyAlways(OpenAiWire.ok("hi"));
        gateway.upstream.on("/other/v1/chat/completions").replyAlways(OpenAiWire.ok("hi"));
    }

    private static JsonObject claims() {
        long now = Instant.now().getEpochSecond();
        return new JsonObject()
                .put("sub", "alice")
                .put("aud", AUDIENCE)
                .put("iat", now)
                .put("exp", now + 300);
    }

    private static HttpResponse<String> chat(String model, String token) throws Exception {
        return gateway.post("/v1/chat/completions", chatBody(model).encode(), "authorization", "Bearer " + token);
    }

    private static String message(HttpResponse<String> response) {
        return E2eClient.error(response).getString("message");
    }

    @Test
    @Order(1)
    void a_team_token_calls_the_models_of_its_team_and_no_other() throws Exception {
        String token = sign(first, "k1", claims().put("team", "team-a"));

        HttpResponse<String> allowed = chat("gpt", token);
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(gateway.upstream.requests("/gpt/v1/chat/completions")).hasSize(1);

        HttpResponse<String> other = chat("other", token);
        assertThat(other.statusCode()).isEqualTo(401);
        assertThat(message(other)).contains("team");
        assertThat(gateway.upstream.requests("/other/v1/chat/completions")).isEmpty();
    }

    @Test
    @Order(2)
    void a_team_that_does_not_exist_is_refused() throws Exception {
        HttpResponse<String> response = chat("gpt", sign(first, "k1", claims().put("team", "no-such-team")));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(message(response)).contains("Team doesn't exist in db. Team=no-such-team");
    }

    @Test
    @Order(3)
    void a_token_without_the_team_claim_is_refused() throws Exception {
        HttpResponse<String> response = chat("gpt", sign(first, "k1", claims()));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(message(response)).contains("No team id found in token");
    }

    @Test
    @Order(4)
    void an_admin_token_manages_the_proxy_but_calls_no_model() throws Exception {
        String admin = sign(first, "k1", claims().put("scope", "openid litellm_proxy_admin"));

        assertThat(gateway.get("/key/list", "authorization", "Bearer " + admin).statusCode())
                .isEqualTo(200);
        HttpResponse<String> chat = chat("gpt", admin);
        assertThat(chat.statusCode()).isEqualTo(403);
        assertThat(message(chat)).contains("Admin not allowed to access this route");
    }

    @Test
    @Order(5)
    void expired_forged_unsigned_and_foreign_audience_tokens_are_refused() throws Exception {
        long past = Instant.now().getEpochSecond() - 3600;
        JsonObject team = claims().put("team", "team-a");
        String expired = sign(first, "k1", team.copy().put("iat", past - 60).put("exp", past));
        String forged = sign(second, "k1", team); // the right key id, the wrong key
        String foreign = sign(first, "k1", team.copy().put("aud", "someone-else"));
        String unsigned =
                base64(new JsonObject().put("alg", "none").put("typ", "JWT").encode()) + "." + base64(team.encode())
                        + ".";

        HttpResponse<String> expiredAnswer = chat("gpt", expired);
        assertThat(expiredAnswer.statusCode()).isEqualTo(401);
        assertThat(message(expiredAnswer)).contains("Token Expired");
        for (String token : List.of(forged, foreign, unsigned)) {
            assertThat(chat("gpt", token).statusCode()).as(token).isEqualTo(401);
        }
        assertThat(gateway.upstream.requests("/gpt/v1/chat/completions")).isEmpty();
    }

    @Test
    @Order(6)
    void the_master_key_still_works_beside_tokens() throws Exception {
        assertThat(chat("other", "sk-master-jwt").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(10)
    void a_rotated_key_is_fetched_when_first_seen_without_waiting_for_the_ttl() throws Exception {
        // Refetches for unknown key ids are at most one per 5 s after the last fetch: let that pass.
        Thread.sleep(5_500);
        // The provider publishes a new key beside the old one and starts signing with it.
        published.set(new JsonArray().add(jwk(first, "k1")).add(jwk(second, "k2")));
        int before = keySetFetches.get();
        String fresh = sign(second, "k2", claims().put("team", "team-a"));
        assertThat(chat("gpt", fresh).statusCode())
                .as("a key id the held set lacks has the set fetched again, long before public_key_ttl")
                .isEqualTo(200);
        assertThat(keySetFetches.get() - before).isEqualTo(1);
        assertThat(chat("gpt", sign(first, "k1", claims().put("team", "team-a")))
                        .statusCode())
                .as("tokens of the old key still pass while it is published")
                .isEqualTo(200);

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> unknown = chat("gpt", sign(second, "made-up-" + i, claims().put("team", "team-a")));
            assertThat(unknown.statusCode()).isEqualTo(401);
            assertThat(message(unknown)).contains("No matching public key found");
        }
        assertThat(keySetFetches.get() - before)
                .as("unknown key ids do not make the gateway fetch the set again on every request")
                .isEqualTo(1);
    }

    /** The public half of {@code pair} as a JSON Web Key. */
    private static JsonObject jwk(KeyPair pair, String kid) {
        RSAPublicKey key = (RSAPublicKey) pair.getPublic();
        return new JsonObject()
                .put("kty", "RSA")
                .put("kid", kid)
                .put("use", "sig")
                .put("alg", "RS256")
                .put("n", base64(unsigned(key.getModulus())))
                .put("e", base64(unsigned(key.getPublicExponent())));
    }

    private static String sign(KeyPair pair, String kid, JsonObject claims) throws Exception {
        String header = new JsonObject()
                .put("alg", "RS256")
                .put("typ", "JWT")
                .put("kid", kid)
                .encode();
        String signingInput = base64(header) + "." + base64(claims.encode());
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(pair.getPrivate());
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + base64(signature.sign());
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String base64(String text) {
        return base64(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
