package dev.junction.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The provider prefixes Junction supports, with their defaults. */
public final class ProviderCatalog {
    private static final Map<String, ProviderSpec> BY_PREFIX = new LinkedHashMap<>();

    static {
        openAi("openai", "https://api.openai.com/v1");
        openAi("text-completion-openai", "https://api.openai.com/v1");
        openAi("custom_openai", null);
        openAi("hosted_vllm", null);
        openAi("groq", "https://api.groq.com/openai/v1");
        openAi("together_ai", "https://api.together.xyz/v1");
        openAi("mistral", "https://api.mistral.ai/v1");
        openAi("deepseek", "https://api.deepseek.com/v1");
        openAi("fireworks_ai", "https://api.fireworks.ai/inference/v1");
        openAi("openrouter", "https://openrouter.ai/api/v1");
        openAi("xai", "https://api.x.ai/v1");
        openAi("perplexity", "https://api.perplexity.ai");
        openAi("lm_studio", null);
        openAi("xinference", null);
        openAi("codestral", "https://codestral.mistral.ai/v1");
        add(new ProviderSpec("ollama", ProviderFamily.OLLAMA, "http://localhost:11434", ""));
        add(new ProviderSpec("ollama_chat", ProviderFamily.OLLAMA, "http://localhost:11434", ""));
        add(new ProviderSpec("azure", ProviderFamily.AZURE, null, ""));
        add(new ProviderSpec("anthropic", ProviderFamily.ANTHROPIC, "https://api.anthropic.com", ""));
        add(new ProviderSpec("bedrock", ProviderFamily.BEDROCK, AwsEndpoints.BEDROCK_DEFAULT, ""));
        add(new ProviderSpec("sagemaker", ProviderFamily.SAGEMAKER, AwsEndpoints.SAGEMAKER_DEFAULT, ""));
        add(new ProviderSpec("sagemaker_chat", ProviderFamily.SAGEMAKER, AwsEndpoints.SAGEMAKER_DEFAULT, ""));
        add(new ProviderSpec("gemini", ProviderFamily.GEMINI, "https://generativelanguage.googleapis.com/v1beta", ""));
        // The real host follows vertex_location (see the Vertex adapter); this is the global endpoint.
        add(new ProviderSpec("vertex_ai", ProviderFamily.VERTEX, "https://aiplatform.googleapis.com", ""));
        add(new ProviderSpec("cohere", ProviderFamily.COHERE, "https://api.cohere.com", ""));
        add(new ProviderSpec("cohere_chat", ProviderFamily.COHERE, "https://api.cohere.com", ""));
        add(new ProviderSpec("huggingface", ProviderFamily.HUGGINGFACE, "https://router.huggingface.co", ""));
    }

    private ProviderCatalog() {}

    private static void openAi(String prefix, String defaultBase) {
        add(new ProviderSpec(prefix, ProviderFamily.OPENAI, defaultBase, ""));
    }

    private static void add(ProviderSpec spec) {
        BY_PREFIX.put(spec.prefix(), spec);
    }

    public static Optional<ProviderSpec> byPrefix(String prefix) {
        return Optional.ofNullable(BY_PREFIX.get(prefix));
    }

    public static Set<String> prefixes() {
        return BY_PREFIX.keySet();
    }

    /**
     * The provider of a bare model name (no known prefix), as LiteLLM infers it: Claude models go to
     * Anthropic, everything else to OpenAI.
     */
    public static ProviderSpec forBareModel(String model) {
        return model.startsWith("claude") ? BY_PREFIX.get("anthropic") : BY_PREFIX.get("openai");
    }
}
