package dev.junction.provider.google;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.WireFixtures;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoogleErrorClassifierTest {
    private final GoogleErrorClassifier classifier = new GoogleErrorClassifier("GeminiException", Clock.systemUTC());

    private GatewayException classify(int status, String fixture) {
        return classifier.classify(
                status, MultiMap.caseInsensitiveMultiMap(), WireFixtures.buffer("gemini/" + fixture));
    }

    @ParameterizedTest
    @CsvSource({
        "400, error-400-token-limit.json, CONTEXT_WINDOW_EXCEEDED",
        "400, error-400-api-key.json, AUTHENTICATION",
        "403, error-403.json, PERMISSION_DENIED",
        "429, error-429.json, RATE_LIMITED",
        "503, error-503.json, SERVICE_UNAVAILABLE"
    })
    void google_errors_map_to_litellm_kinds(int status, String fixture, ErrorKind kind) {
        GatewayException error = classify(status, fixture);

        assertThat(error.kind()).isEqualTo(kind);
        assertThat(error.upstreamStatus()).isEqualTo(status);
        assertThat(error.getMessage()).startsWith("litellm." + kind.litellmName() + ": GeminiException - ");
    }

    @Test
    void the_message_is_googles_own() {
        assertThat(classify(400, "error-400-token-limit.json").getMessage())
                .isEqualTo("litellm.ContextWindowExceededError: GeminiException - The input token count (1200052) "
                        + "exceeds the maximum number of tokens allowed (1048576).");
    }

    @Test
    void a_429_waits_as_retry_info_says_unless_a_retry_after_header_says_otherwise() {
        assertThat(classify(429, "error-429.json").retryAfter()).contains(Duration.ofSeconds(17));

        GatewayException withHeader = classifier.classify(
                429,
                MultiMap.caseInsensitiveMultiMap().add("retry-after", "3"),
                WireFixtures.buffer("gemini/error-429.json"));
        assertThat(withHeader.retryAfter()).contains(Duration.ofSeconds(3));
    }

    @Test
    void an_error_wrapped_in_an_array_is_read_too() {
        Buffer body = Buffer.buffer("[" + WireFixtures.text("gemini/error-403.json") + "]");

        assertThat(classifier.classify(403, null, body).getMessage()).contains("Permission denied on resource project");
    }

    @Test
    void a_body_that_is_not_json_is_classified_by_status_with_its_text() {
        GatewayException error = classifier.classify(502, null, Buffer.buffer("<html>Bad Gateway</html>"));

        assertThat(error.kind()).isEqualTo(ErrorKind.BAD_GATEWAY);
        assertThat(error.getMessage()).contains("<html>Bad Gateway</html>");
    }

    @Test
    void a_stream_error_object_takes_its_status_from_code_or_canonical_status() {
        JsonObject byCode = WireFixtures.json("gemini/error-429.json").getJsonObject("error");
        JsonObject byStatus =
                new JsonObject().put("message", "Deadline expired").put("status", "DEADLINE_EXCEEDED");

        assertThat(classifier.fromErrorObject(byCode).kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(classifier.fromErrorObject(byStatus).kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(classifier.fromErrorObject(byStatus).upstreamStatus()).isEqualTo(504);
    }
}
