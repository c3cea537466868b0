package dev.junction.provider.aws;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * One deployment's credentials, resolved by an AWS SDK provider on a worker thread (reading a profile file,
 * calling STS or the instance metadata service all block) and cached. A request takes the cached value at once
 * while it is fresh; close to expiry it still takes it while one refresh runs in the background; only when
 * there is nothing usable does it wait for a resolution, and concurrent waiters share that one.
 */
final class CachedCredentials {
    /** Credentials without an expiry (environment, profile keys) are re-read this often, off the event loop. */
    static final Duration REREAD_AFTER = Duration.ofMinutes(5);
    /** Expiring credentials are refreshed this long before they expire, as the SDK's own providers do. */
    static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private final Supplier<AwsCredentialsProvider> factory;
    private final Clock clock;
    /** Built on the first worker that resolves: an STS client or a credential chain loads many SDK classes. */
    private volatile AwsCredentialsProvider provider;

    private volatile Snapshot current;
    private CompletableFuture<AwsCredentialsIdentity> inFlight;

    private record Snapshot(AwsCredentialsIdentity identity, Instant fetchedAt) {}

    CachedCredentials(Supplier<AwsCredentialsProvider> factory, Clock clock) {
        this.factory = factory;
        this.clock = clock;
    }

    /** Completes on the caller's context; must be called on a Vert.x context. */
    Future<AwsCredentialsIdentity> get(Vertx vertx) {
        Snapshot snapshot = current;
        Instant now = clock.instant();
        if (snapshot != null && fresh(snapshot, now)) {
            return Future.succeededFuture(snapshot.identity());
        }
        CompletableFuture<AwsCredentialsIdentity> refresh = refresh(vertx);
        if (snapshot != null && usable(snapshot, now)) {
            return Future.succeededFuture(snapshot.identity());
        }
        return Future.fromCompletionStage(refresh, vertx.getOrCreateContext());
    }

    private synchronized CompletableFuture<AwsCredentialsIdentity> refresh(Vertx vertx) {
        if (inFlight != null) {
            return inFlight;
        }
        CompletableFuture<AwsCredentialsIdentity> started = new CompletableFuture<>();
        inFlight = started;
        vertx.<AwsCredentialsIdentity>executeBlocking(this::resolve, false).onComplete(done -> {
            synchronized (this) {
                inFlight = null;
            }
            if (done.succeeded()) {
                current = new Snapshot(done.result(), clock.instant());
                started.complete(done.result());
            } else {
                started.completeExceptionally(done.cause());
            }
        });
        return started;
    }

    private AwsCredentialsIdentity resolve() {
        AwsCredentialsProvider current = provider;
        if (current == null) {
            current = factory.get();
            provider = current;
        }
        return current.resolveCredentials();
    }

    private static boolean fresh(Snapshot snapshot, Instant now) {
        return snapshot.identity()
                .expirationTime()
                .map(expiry -> now.isBefore(expiry.minus(REFRESH_BEFORE_EXPIRY)))
                .orElseGet(() -> now.isBefore(snapshot.fetchedAt().plus(REREAD_AFTER)));
    }

    private static boolean usable(Snapshot snapshot, Instant now) {
        return snapshot.identity()
                .expirationTime()
                .map(expiry -> now.isBefore(expiry.minusSeconds(30)))
                .orElse(true);
    }
}
