package dev.junction.router.cache;

import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.bus.RoutedReply;
import dev.junction.cluster.cache.CachedAnswer;
import dev.junction.cluster.cache.ResponseStore;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.CacheSettings;
import dev.junction.router.resolve.ModelResolver;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LiteLLM's response cache, on the request path between a key's checks and the routing: a request whose answer
 * is cached is answered from it without choosing a deployment, so its key's limits count it and no deployment's
 * do; any other request is routed, and its answer stored. Identical requests that miss together wait for the
 * first one's answer rather than all calling the provider (see {@link CacheFill}).
 *
 * <p>The cache never fails a call: a store that does not answer is a miss, an answer that cannot be stored is
 * dropped, each with a warning in the log.
 */
public final class ResponseCache {
    private static final Logger LOG = LoggerFactory.getLogger(ResponseCache.class);

    private final CacheSettings settings;
    private final ResponseStore store;
    private final Supplier<ModelResolver> resolver;
    private final SemanticLookup semantic;
    private final CacheFill fill;
    private final Clock clock;

    /**
     * @param router routes a request without the cache: misses go there, and the semantic lookup's embeddings
     */
    public ResponseCache(
            Vertx vertx,
            CacheSettings settings,
            CacheStores stores,
            Supplier<ModelResolver> resolver,
            Function<LlmRequest, Future<RoutedReply>> router,
            Clock clock) {
        this.settings = settings;
        this.store = stores.answers();
        this.resolver = resolver;
        this.clock = clock;
        this.semantic = settings.semantic()
                ? new SemanticLookup(vertx, settings.semanticSettings(), stores.vectors(), router)
                : null;
        this.fill = new CacheFill(vertx, settings, store, this::storeAnswer);
    }

    /** {@code next} with the cache in front of it; {@code next} itself when the cache is off. */
    public Function<LlmRequest, Future<RoutedReply>> around(Function<LlmRequest, Future<RoutedReply>> next) {
        return settings.enabled() ? request -> route(request, next) : next;
    }

    private Future<RoutedReply> route(LlmRequest request, Function<LlmRequest, Future<RoutedReply>> next) {
        CachedCall call;
        try {
            call = CachedCall.of(request, settings, resolver.get());
        } catch (GatewayException invalid) {
            return Future.failedFuture(invalid);
        }
        if (call == null) {
            return next.apply(request);
        }
        Probe probe = new Probe(call);
        if (call.controls().noCache()) {
            return fill.uncoordinated(probe, next);
        }
        return lookup(probe).compose(hit -> hit != null ? Future.succeededFuture(hit) : fill.coalesced(probe, next));
    }

    /** The cached answer of a call, exact or (semantic caches) similar enough, as a reply; null on a miss. */
    Future<RoutedReply> lookup(Probe probe) {
        CachedCall call = probe.call();
        return store.get(call.key())
                .compose(answer -> {
                    RoutedReply hit = fresh(call, answer) ? CacheReplies.hit(call, answer, null) : null;
                    return hit != null || semantic == null || !SemanticLookup.applies(call)
                            ? Future.succeededFuture(hit)
                            : similar(probe);
                })
                .recover(trouble -> {
                    LOG.warn("Response cache lookup failed, calling the provider: {}", trouble.toString());
                    return Future.succeededFuture();
                });
    }

    private Future<RoutedReply> similar(Probe probe) {
        CachedCall call = probe.call();
        return probe.vector(semantic)
                .compose(vector -> semantic.nearest(call, vector))
                .compose(match -> match == null
                        ? Future.succeededFuture()
                        : store.get(match.key())
                                .map(answer -> fresh(call, answer)
                                        ? CacheReplies.hit(call, answer, match.similarity())
                                        : null));
    }

    /** Present, and no older than the request's {@code s-maxage}. */
    private boolean fresh(CachedCall call, CachedAnswer answer) {
        Double maxAge = call.controls().maxAge();
        return answer != null && (maxAge == null || answer.ageSeconds(clock.millis()) <= maxAge);
    }

    /** Stores a provider's whole answer for the call (and, semantic caches, its prompt's vector). */
    Future<Void> storeAnswer(Probe probe, byte[] body, String deploymentId) {
        CachedCall call = probe.call();
        if (!call.storable() || body.length > settings.maxItemBytes()) {
            return Future.succeededFuture();
        }
        Future<Void> stored = store.put(call.key(), new CachedAnswer(body, clock.millis(), deploymentId), call.ttl());
        if (semantic != null && SemanticLookup.applies(call)) {
            stored = stored.compose(v -> probe.vector(semantic).compose(vector -> semantic.remember(call, vector)));
        }
        return stored.onFailure(
                trouble -> LOG.warn("Response cache could not store an answer: {}", trouble.toString()));
    }
}
