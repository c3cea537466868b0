package dev.junction.config;

/**
 * One provider prefix of a LiteLLM model string ({@code groq/llama3-8b}), the wire family it speaks and its
 * public default endpoint.
 *
 * @param prefix the LiteLLM provider name, e.g. {@code groq}
 * @param family the wire format
 * @param defaultApiBase the public endpoint, or null when the user must give {@code api_base}
 * @param apiBaseSuffix appended to a user-given {@code api_base} when the provider's API lives under a path of it
 */
public record ProviderSpec(String prefix, ProviderFamily family, String defaultApiBase, String apiBaseSuffix) {

    public boolean requiresApiBase() {
        return defaultApiBase == null;
    }
}
