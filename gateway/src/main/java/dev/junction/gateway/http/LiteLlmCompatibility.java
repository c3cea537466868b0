package dev.junction.gateway.http;

/**
 * The LiteLLM proxy release whose HTTP API Junction follows (routes, field names, answer shapes, status codes),
 * reported as {@code litellm_version} by {@code /health/readiness} so that clients that check it find a version
 * they know. The README lists where Junction deliberately differs.
 */
public final class LiteLlmCompatibility {
    public static final String VERSION = "1.74.9";

    private LiteLlmCompatibility() {}
}
