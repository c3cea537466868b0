package dev.junction.router.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenizerTest {

    @ParameterizedTest
    @CsvSource({
        "gpt-4o, O200K_BASE",
        "gpt-4o-mini-2024-07-18, O200K_BASE",
        "openai/gpt-4.1, O200K_BASE",
        "azure/gpt-4.5-preview, O200K_BASE",
        "o1, O200K_BASE",
        "o3-mini, O200K_BASE",
        "o4-mini, O200K_BASE",
        "chatgpt-4o-latest, O200K_BASE",
        "gpt-5, O200K_BASE",
        "gpt-some-future-name, O200K_BASE",
        "groq/openai/gpt-oss-20b, O200K_BASE",
        "ft:gpt-4o-mini-2024-07-18:org::abc123, O200K_BASE",
        "gpt-4, CL100K_BASE",
        "gpt-4-0613, CL100K_BASE",
        "gpt-4-turbo, CL100K_BASE",
        "azure/gpt-4-1106-preview, CL100K_BASE",
        "gpt-3.5-turbo, CL100K_BASE",
        "GPT-35-TURBO, CL100K_BASE",
        "ft:gpt-3.5-turbo:org:suffix:id, CL100K_BASE",
        "text-embedding-3-small, CL100K_BASE",
        "text-embedding-ada-002, CL100K_BASE",
        "claude-3-5-sonnet-20240620, CL100K_ESTIMATE",
        "anthropic/claude-sonnet-4-5, CL100K_ESTIMATE",
        "groq/llama-3.1-8b-instant, CL100K_ESTIMATE",
        "mistral/mistral-large-latest, CL100K_ESTIMATE",
        "azure/my-deployment, CL100K_ESTIMATE",
    })
    void picks_the_encoding_from_the_model_name(String model, Tokenizer expected) {
        assertThat(Tokenizer.forModel(model)).isEqualTo(expected);
    }

    @Test
    void only_openai_encodings_are_exact_and_a_missing_name_is_estimated() {
        assertThat(Tokenizer.O200K_BASE.exact()).isTrue();
        assertThat(Tokenizer.CL100K_BASE.exact()).isTrue();
        assertThat(Tokenizer.CL100K_ESTIMATE.exact()).isFalse();
        assertThat(Tokenizer.forModel(null)).isEqualTo(Tokenizer.CL100K_ESTIMATE);
    }
}
