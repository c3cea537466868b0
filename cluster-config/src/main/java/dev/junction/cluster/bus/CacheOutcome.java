package dev.junction.cluster.bus;

import java.util.Objects;

/**
 * What the response cache did for a call, recorded on its {@link RoutedReply} so that spend and logs can tell a
 * cache hit (no provider called, nothing charged) from a call the provider answered.
 *
 * @param key the cache key ({@code x-litellm-cache-key}), namespace included
 * @param hit the answer came from the cache
 * @param similarity for a semantic hit, the cosine similarity of the cached prompt; otherwise null
 */
public record CacheOutcome(String key, boolean hit, Double similarity) {
    public CacheOutcome {
        Objects.requireNonNull(key, "key");
    }
}
