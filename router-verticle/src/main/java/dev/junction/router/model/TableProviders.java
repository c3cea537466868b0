package dev.junction.router.model;

import java.util.Map;

/**
 * Whether a table entry belongs to a deployment's provider. LiteLLM refuses a cost-map entry of another
 * provider ({@code _check_provider_match}), so {@code groq/gpt-4o} does not borrow OpenAI's gpt-4o window.
 */
final class TableProviders {
    // Table provider names that are the same upstream as a Junction provider prefix.
    private static final Map<String, String> SAME_AS = Map.of(
            "text-completion-openai", "openai",
            "azure_text", "azure",
            "ollama_chat", "ollama",
            "bedrock_converse", "bedrock",
            "fireworks_ai-embedding-models", "fireworks_ai");

    private TableProviders() {}

    /** True when either side is unknown, as LiteLLM accepts an entry without a provider. */
    static boolean matches(String entryProvider, String deploymentProvider) {
        if (entryProvider == null || deploymentProvider == null) {
            return true;
        }
        return canonical(entryProvider).equals(canonical(deploymentProvider));
    }

    private static String canonical(String provider) {
        return SAME_AS.getOrDefault(provider, provider);
    }
}
