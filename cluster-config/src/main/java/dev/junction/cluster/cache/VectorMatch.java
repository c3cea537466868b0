package dev.junction.cluster.cache;

/**
 * The nearest cached prompt to a query.
 *
 * @param key the key of its answer
 * @param similarity their cosine similarity, from -1 to 1
 */
public record VectorMatch(String key, double similarity) {}
