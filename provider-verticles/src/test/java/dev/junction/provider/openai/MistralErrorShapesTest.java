package dev.junction.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.WireFixtures;
import io.vertx.core.MultiMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mistral (and codestral) speak OpenAI's format with errors of their own shape; each still maps as LiteLLM maps it. */
class MistralErrorShapesTest {
    private final OpenAiErrorClassifier classifier = new OpenAiErrorClassifier("MistralException");

    @ParameterizedTest
    @CsvSource({
        "400, error-400-context.json, CONTEXT_WINDOW_EXCEEDED, too large for model with 32768 maximum context length",
        "401, error-401.json, AUTHENTICATION, Unauthorized",
        "422, error-422-validation.json, UNPROCESSABLE, Extra inputs are not permitted",
        "429, error-429.json, RATE_LIMITED, Requests rate limit exceeded"
    })
    void mistral_errors_keep_their_message_and_map_to_litellm_kinds(
            int status, String fixture, ErrorKind kind, String text) {
        GatewayException error = classifier.classify(
                status, MultiMap.caseInsensitiveMultiMap(), WireFixtures.buffer("mistral/" + fixture));

        assertThat(error.kind()).isEqualTo(kind);
        assertThat(error.getMessage())
                .startsWith("litellm." + kind.litellmName() + ": MistralException - ")
                .contains(text);
    }
}
