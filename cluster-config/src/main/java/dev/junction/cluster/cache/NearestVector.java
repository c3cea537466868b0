package dev.junction.cluster.cache;

import com.hazelcast.aggregation.Aggregator;
import java.util.Map;

/**
 * Finds the stored prompt vector of a scope most similar to a query: a brute-force cosine scan that Hazelcast
 * runs on every member over the entries it owns, in parallel, each member sending back only its best match.
 */
final class NearestVector implements Aggregator<Map.Entry<String, PromptVector>, VectorMatch> {
    final String scope;
    final float[] query;
    String bestKey;
    double bestSimilarity = Double.NEGATIVE_INFINITY;

    NearestVector(String scope, float[] query) {
        this.scope = scope;
        this.query = query;
    }

    @Override
    public void accumulate(Map.Entry<String, PromptVector> entry) {
        PromptVector vector = entry.getValue();
        if (vector == null || !scope.equals(vector.scope())) {
            return;
        }
        offer(entry.getKey(), vector.similarity(query));
    }

    @Override
    public void combine(Aggregator aggregator) {
        NearestVector other = (NearestVector) aggregator;
        if (other.bestKey != null) {
            offer(other.bestKey, other.bestSimilarity);
        }
    }

    private void offer(String key, double similarity) {
        if (similarity > bestSimilarity) {
            bestSimilarity = similarity;
            bestKey = key;
        }
    }

    @Override
    public VectorMatch aggregate() {
        return bestKey == null ? null : new VectorMatch(bestKey, bestSimilarity);
    }
}
