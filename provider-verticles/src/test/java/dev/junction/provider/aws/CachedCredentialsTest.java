package dev.junction.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Credentials that take I/O are resolved on a worker, once for concurrent callers, and served from the cache. */
class CachedCredentialsTest {
    private final Vertx vertx = Vertx.vertx();
    private final List<String> resolvingThreads = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private AwsCredentialsProvider provider(Instant expiry) {
        return () -> {
            resolvingThreads.add(Thread.currentThread().getName());
            return AwsSessionCredentials.builder()
                    .accessKeyId("ASIA" + resolvingThreads.size())
                    .secretAccessKey("s")
                    .sessionToken("t")
                    .expirationTime(expiry)
                    .build();
        };
    }

    /** Calls {@code get} {@code times} times at once on an event loop, then waits for every answer. */
    private List<AwsCredentialsIdentity> getOnEventLoop(CachedCredentials credentials, int times) throws Exception {
        CompletableFuture<List<AwsCredentialsIdentity>> done = new CompletableFuture<>();
        AtomicReference<String> loop = new AtomicReference<>();
        vertx.runOnContext(v -> {
            loop.set(Thread.currentThread().getName());
            List<Future<AwsCredentialsIdentity>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < times; i++) {
                calls.add(credentials.get(vertx));
            }
            Future.all(calls).onSuccess(all -> done.complete(all.list())).onFailure(done::completeExceptionally);
        });
        List<AwsCredentialsIdentity> result = done.get(10, TimeUnit.SECONDS);
        assertThat(loop.get()).startsWith("vert.x-eventloop");
        return result;
    }

    @Test
    void concurrent_first_calls_share_one_resolution_on_a_worker_and_later_calls_use_the_cache() throws Exception {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        CachedCredentials credentials =
                new CachedCredentials(() -> provider(now.plus(Duration.ofHours(1))), Clock.fixed(now, ZoneOffset.UTC));

        List<AwsCredentialsIdentity> first = getOnEventLoop(credentials, 5);
        List<AwsCredentialsIdentity> later = getOnEventLoop(credentials, 3);

        assertThat(resolvingThreads).hasSize(1);
        assertThat(resolvingThreads.get(0)).startsWith("vert.x-worker-thread");
        assertThat(first).extracting(AwsCredentialsIdentity::accessKeyId).containsOnly("ASIA1");
        assertThat(later).extracting(AwsCredentialsIdentity::accessKeyId).containsOnly("ASIA1");
    }

    @Test
    void credentials_close_to_expiry_are_still_served_while_a_refresh_runs() throws Exception {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        CachedCredentials credentials = new CachedCredentials(
                () -> provider(now.plus(Duration.ofMinutes(2))), Clock.fixed(now, ZoneOffset.UTC));

        getOnEventLoop(credentials, 1);
        List<AwsCredentialsIdentity> nearExpiry = getOnEventLoop(credentials, 1);

        assertThat(nearExpiry.get(0).accessKeyId())
                .as("the cached value, not a wait")
                .isEqualTo("ASIA1");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (resolvingThreads.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(resolvingThreads).as("a background refresh ran").hasSize(2);
    }
}
