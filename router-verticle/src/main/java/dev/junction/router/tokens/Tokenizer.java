package dev.junction.router.tokens;

import java.util.Locale;
import java.util.regex.Pattern;

/** Which encoding counts a model's tokens, chosen from the model name alone. */
public enum Tokenizer {
    /** OpenAI's encoding for gpt-4o, gpt-4.1, gpt-5, o1/o3/o4 and any newer OpenAI name. Exact. */
    O200K_BASE(true),
    /** OpenAI's encoding for gpt-4, gpt-3.5-turbo and the text-embedding models. Exact. */
    CL100K_BASE(true),
    /**
     * Every other provider's model, counted with cl100k_base as an estimate. Their tokenizers are not
     * public or not shipped, and cl100k_base is what LiteLLM's {@code token_counter} uses for a model without
     * a known tokenizer, so context-window decisions agree with LiteLLM's. On English prose it stays close to
     * the ~4 characters per token that OpenAI and Anthropic both quote (TokenCounterTest pins within 25%);
     * Claude's own tokenizer is reported to give somewhat more tokens, so keep headroom near the limit.
     */
    CL100K_ESTIMATE(false);

    // Names tiktoken maps to cl100k_base; "gpt-4" alone or "gpt-4-..." but not gpt-4o or gpt-4.1.
    private static final Pattern CL100K_NAMES = Pattern.compile(
            "(gpt-4|gpt-4-.*|gpt-3\\.5.*|gpt-35.*|text-embedding-.*|davinci-002|babbage-002|text-moderation.*)");
    private static final Pattern OPENAI_NAMES =
            Pattern.compile("(gpt-.*|chatgpt-.*|o\\d.*|codex-.*|omni-moderation.*|computer-use-.*)");

    private final boolean exact;

    Tokenizer(boolean exact) {
        this.exact = exact;
    }

    /** True for OpenAI's own encodings, false for the estimate. */
    public boolean exact() {
        return exact;
    }

    /**
     * The tokenizer for a model name with or without provider path ({@code azure/gpt-4o}, {@code
     * groq/openai/gpt-oss-20b}, {@code ft:gpt-4o-mini:org::id}). Only the last path segment counts, so an
     * Azure deployment name says nothing: pass its {@code base_model} when it has one.
     */
    public static Tokenizer forModel(String model) {
        if (model == null) {
            return CL100K_ESTIMATE;
        }
        String name = model.substring(model.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (name.startsWith("ft:")) {
            name = name.substring(3);
        }
        if (CL100K_NAMES.matcher(name).matches()) {
            return CL100K_BASE;
        }
        return OPENAI_NAMES.matcher(name).matches() ? O200K_BASE : CL100K_ESTIMATE;
    }
}
