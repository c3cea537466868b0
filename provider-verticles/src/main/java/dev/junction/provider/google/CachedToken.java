package dev.junction.provider.google;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The access token of one set of credentials, kept until shortly before it expires. A stale or missing token
 * is fetched on a worker thread (loading the credentials the first time), once however many calls wait for
 * it; the event loops only ever read the cached value. A failed fetch is not cached: the next call tries again.
 */
final class CachedToken {
    /** Refreshed this long before expiry, so that no request leaves with a token about to lapse in flight. */
    static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);
    /** For the rare token without an expiry. */
    private static final Duration ASSUMED_LIFETIME = Duration.ofMinutes(10);

    private final String spec;
    private final Clock clock;
    private volatile GoogleCredentials credentials;
    private GoogleToken current;
    private Future<GoogleToken> fetching;

    /** @param spec the {@code vertex_credentials} value, or null for the application default credentials */
    CachedToken(String spec, Clock clock) {
        this.spec = spec;
        this.clock = clock;
    }

    synchronized Future<GoogleToken> get(Vertx vertx) {
        if (current != null && clock.instant().isBefore(current.expiresAt().minus(REFRESH_MARGIN))) {
            return Future.succeededFuture(current);
        }
        if (fetching == null) {
            Future<GoogleToken> fetch = vertx.executeBlocking(this::fetch, false);
            fetching = fetch;
            // A fetch that already failed (a missing file) runs fetched() right here and clears the field:
            // the caller gets this fetch, not the null left behind.
            fetch.onComplete(this::fetched);
            return fetch;
        }
        return fetching;
    }

    private synchronized void fetched(AsyncResult<GoogleToken> done) {
        if (done.succeeded()) {
            current = done.result();
        }
        fetching = null;
    }

    /** On a worker: the one place that reads credential files and talks to Google's token server. */
    private GoogleToken fetch() throws IOException {
        GoogleCredentials loaded = credentials;
        if (loaded == null) {
            loaded = GoogleCredentialsLoader.load(spec);
            credentials = loaded;
        }
        loaded.refresh();
        AccessToken token = loaded.getAccessToken();
        if (token == null || token.getTokenValue() == null) {
            throw new IOException("the token server answered without an access token");
        }
        Instant expiresAt = token.getExpirationTime() != null
                ? token.getExpirationTime().toInstant()
                : clock.instant().plus(REFRESH_MARGIN).plus(ASSUMED_LIFETIME);
        return new GoogleToken(token.getTokenValue(), GoogleCredentialsLoader.projectOf(loaded), expiresAt);
    }
}
