package dev.junction.router.cache;

import io.vertx.core.Future;

/** A cached call on its way through the cache, with its prompt's embedding once it has been asked for. */
final class Probe {
    private final CachedCall call;
    private Future<float[]> vector;

    Probe(CachedCall call) {
        this.call = call;
    }

    CachedCall call() {
        return call;
    }

    /** The prompt's embedding, asked of the embedding model once per call: the lookup's is reused to store. */
    Future<float[]> vector(SemanticLookup semantic) {
        if (vector == null) {
            vector = semantic.embed(call);
        }
        return vector;
    }
}
