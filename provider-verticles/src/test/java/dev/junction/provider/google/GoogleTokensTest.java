package dev.junction.provider.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.testkit.FakeUpstream;
import dev.junction.testkit.GoogleServiceAccount;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Access tokens from Google's library against a fake token server that verifies each JWT grant's RS256
 * signature with the service account's public key: caching, sharing between callers, refreshing, failures.
 */
class GoogleTokensTest {
    private static Vertx vertx;
    private static FakeUpstream upstream;
    private GoogleServiceAccount account;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        upstream = await(FakeUpstream.start(vertx));
    }

    @AfterAll
    static void stop() throws Exception {
        upstream.close();
        await(vertx.close());
    }

    @BeforeEach
    void freshAccount() {
        upstream.reset();
        account = GoogleServiceAccount.create(upstream, "tokens-project");
        upstream.on(GoogleServiceAccount.TOKEN_PATH).replyAlways(account.tokenEndpoint());
    }

    @Test
    void two_calls_share_one_token_exchange() throws Exception {
        GoogleTokens tokens = new GoogleTokens(Clock.systemUTC(), "VertexAIException");
        String credentials = account.json().encode();

        GoogleToken first = await(onContext(() -> tokens.token(vertx, credentials)));
        GoogleToken second = await(onContext(() -> tokens.token(vertx, credentials)));

        assertThat(first.value()).isEqualTo(GoogleServiceAccount.token(1));
        assertThat(second.value()).isEqualTo(first.value());
        assertThat(first.projectId()).isEqualTo("tokens-project");
        assertThat(account.tokensIssued()).isEqualTo(1);
        assertThat(upstream.requests(GoogleServiceAccount.TOKEN_PATH)).hasSize(1);
    }

    @Test
    void callers_waiting_at_the_same_time_share_the_exchange_in_flight() throws Exception {
        GoogleTokens tokens = new GoogleTokens(Clock.systemUTC(), "VertexAIException");
        String credentials = account.json().encode();

        List<Future<GoogleToken>> waiting = List.of(
                onContext(() -> tokens.token(vertx, credentials)),
                onContext(() -> tokens.token(vertx, credentials)),
                onContext(() -> tokens.token(vertx, credentials)));

        for (Future<GoogleToken> token : waiting) {
            assertThat(await(token).value()).isEqualTo(GoogleServiceAccount.token(1));
        }
        assertThat(account.tokensIssued()).isEqualTo(1);
    }

    @Test
    void a_token_close_to_expiry_is_replaced_by_a_fresh_one() throws Exception {
        MovableClock clock = new MovableClock();
        GoogleTokens tokens = new GoogleTokens(clock, "VertexAIException");
        account.tokenLifetime(Duration.ofMinutes(60));
        String credentials = account.json().encode();
        await(onContext(() -> tokens.token(vertx, credentials)));

        clock.advance(Duration.ofMinutes(54)); // 6 minutes left: still used
        assertThat(await(onContext(() -> tokens.token(vertx, credentials))).value())
                .isEqualTo(GoogleServiceAccount.token(1));
        clock.advance(Duration.ofMinutes(2)); // 4 minutes left: inside the refresh margin
        assertThat(await(onContext(() -> tokens.token(vertx, credentials))).value())
                .isEqualTo(GoogleServiceAccount.token(2));
        assertThat(account.tokensIssued()).isEqualTo(2);
    }

    @Test
    void credentials_given_as_a_file_path_are_read_from_the_file(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("service-account.json");
        Files.writeString(file, account.json().encodePrettily());
        GoogleTokens tokens = new GoogleTokens(Clock.systemUTC(), "VertexAIException");

        GoogleToken token = await(onContext(() -> tokens.token(vertx, file.toString())));

        assertThat(token.value()).isEqualTo(GoogleServiceAccount.token(1));
    }

    @Test
    void a_grant_signed_with_the_wrong_key_is_refused_and_not_cached() throws Exception {
        GoogleTokens tokens = new GoogleTokens(Clock.systemUTC(), "VertexAIException");
        String forged = account.jsonWithWrongKey().encode();

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> await(onContext(() -> tokens.token(vertx, forged))))
                    .cause()
                    .isInstanceOfSatisfying(GatewayException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
                        assertThat(e.getMessage())
                                .startsWith("litellm.AuthenticationError: VertexAIException - ")
                                .contains("Invalid JWT Signature")
                                .doesNotContain("PRIVATE KEY");
                    });
        }
        assertThat(upstream.requests(GoogleServiceAccount.TOKEN_PATH)).hasSize(2);
        assertThat(account.tokensIssued()).isZero();
    }

    @Test
    void a_missing_credentials_file_says_so_without_echoing_anything_else() {
        GoogleTokens tokens = new GoogleTokens(Clock.systemUTC(), "VertexAIException");

        assertThatThrownBy(() -> await(onContext(() -> tokens.token(vertx, "/nonexistent/sa.json"))))
                .cause()
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
                    assertThat(e.getMessage()).contains("vertex_credentials names a file that does not exist");
                });
    }

    @Test
    void an_unreachable_token_server_is_a_connection_error() throws Exception {
        FakeUpstream closed = await(FakeUpstream.start(vertx));
        GoogleServiceAccount gone = GoogleServiceAccount.create(closed, "gone");
        await(closed.close());
        GoogleTokens tokens = new GoogleTokens(Clock.systemUTC(), "VertexAIException");

        assertThatThrownBy(() ->
                        await(onContext(() -> tokens.token(vertx, gone.json().encode()))))
                .cause()
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONNECTION));
    }

    /** Runs {@code call} on an event loop, as the signer does, and never on the test thread. */
    private static <T> Future<T> onContext(java.util.function.Supplier<Future<T>> call) {
        AtomicReference<Future<T>> result = new AtomicReference<>();
        io.vertx.core.Promise<T> promise = io.vertx.core.Promise.promise();
        vertx.runOnContext(v -> {
            assertThat(Vertx.currentContext().isEventLoopContext()).isTrue();
            call.get().onComplete(promise);
        });
        result.set(promise.future());
        return result.get();
    }

    private static <T> T await(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            throw failed;
        }
    }

    /** A clock the test moves forward, to reach a token's expiry without waiting an hour. */
    private static final class MovableClock extends Clock {
        private volatile Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
