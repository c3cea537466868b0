package dev.junction.gateway.jwt;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identity provider's public keys (a JSON Web Key Set fetched from each URL of {@code JWT_PUBLIC_KEY_URL}),
 * kept for {@code public_key_ttl} and fetched again when a token names a key id the set does not have: that
 * is how a provider rotates its keys. Such refetches happen at most once per {@link #MIN_REFETCH}, so tokens
 * with made-up key ids cannot make the gateway hammer the provider; concurrent requests share one fetch. The
 * fetch is asynchronous: no event loop ever waits on it. When a refetch fails, the set already held is kept.
 */
final class JwksKeys {
    static final Duration MIN_REFETCH = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(JwksKeys.class);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final HttpClient http;
    private final List<String> urls;
    private final Duration ttl;
    private final Duration minRefetch;
    private final Clock clock;
    private final JWTOptions checks;
    private KeySet current;
    private Future<KeySet> fetching;
    private Instant lastFetch = Instant.MIN;

    JwksKeys(Vertx vertx, List<String> urls, JWTOptions checks, Duration ttl, Duration minRefetch, Clock clock) {
        this.checks = checks;
        this.vertx = vertx;
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) FETCH_TIMEOUT.toMillis())
                .setKeepAlive(false));
        this.urls = List.copyOf(urls);
        this.ttl = ttl;
        this.minRefetch = minRefetch;
        this.clock = clock;
    }

    /** The key set: the one held while it is fresh, else a new one. */
    synchronized Future<KeySet> current() {
        if (current != null && clock.instant().isBefore(current.fetchedAt().plus(ttl))) {
            return Future.succeededFuture(current);
        }
        return fetch();
    }

    /**
     * The key set after a token named a key id the held set lacks: fetched again unless the last fetch was
     * under {@link #MIN_REFETCH} ago, in which case the held set is the answer.
     */
    synchronized Future<KeySet> afterUnknownKey() {
        if (current != null && clock.instant().isBefore(lastFetch.plus(minRefetch))) {
            return Future.succeededFuture(current);
        }
        return fetch();
    }

    private Future<KeySet> fetch() {
        Future<KeySet> running = fetching;
        if (running == null) {
            lastFetch = clock.instant();
            List<Future<JsonArray>> all = new ArrayList<>();
            urls.forEach(url -> all.add(fetchOne(url)));
            Future<KeySet> started = Future.all(all).map(fetched -> {
                JsonArray keys = new JsonArray();
                all.forEach(each -> keys.addAll(each.result()));
                return KeySet.of(vertx, keys, checks, clock.instant());
            });
            fetching = started;
            running = started;
            // Registered after the assignment: a fetch that failed at once must still clear it.
            started.onComplete(result -> settle(result.succeeded() ? result.result() : null, result.cause()));
        }
        return running.recover(this::held);
    }

    private synchronized void settle(KeySet fetched, Throwable failure) {
        fetching = null;
        if (fetched != null) {
            current = fetched;
        } else {
            LOG.warn("Could not fetch the JWT public keys from {}: {}", urls, failure.getMessage());
        }
    }

    private synchronized Future<KeySet> held(Throwable failure) {
        return current != null ? Future.succeededFuture(current) : Future.failedFuture(failure);
    }

    /** The keys at one URL: {@code {"keys": [...]}}, a list of keys, or a single key. */
    private Future<JsonArray> fetchOne(String url) {
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setAbsoluteURI(url)
                .setTimeout(FETCH_TIMEOUT.toMillis())
                .putHeader("accept", "application/json");
        return http.request(request)
                .compose(req -> req.send())
                .compose(response -> {
                    if (response.statusCode() != 200) {
                        return Future.failedFuture("HTTP " + response.statusCode() + " from " + url);
                    }
                    return response.body();
                })
                .map(body -> keysOf(body.toString().strip(), url));
    }

    private static JsonArray keysOf(String text, String url) {
        if (text.startsWith("[")) {
            return new JsonArray(text);
        }
        if (!text.startsWith("{")) {
            throw new IllegalStateException(url + " did not answer a JSON Web Key Set");
        }
        JsonObject object = new JsonObject(text);
        return object.getValue("keys") instanceof JsonArray keys ? keys : new JsonArray().add(object);
    }
}
