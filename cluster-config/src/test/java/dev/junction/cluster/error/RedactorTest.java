package dev.junction.cluster.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactorTest {
    @Test
    void a_known_secret_is_masked_wherever_it_appears() {
        String text = "key deployment-secret-1 rejected (deployment-secret-1)";

        assertThat(Redactor.redact(text, List.of("deployment-secret-1"))).isEqualTo("key **** rejected (****)");
    }

    @Test
    void known_values_too_short_to_be_keys_are_not_masked_as_text() {
        assertThat(Redactor.redact("the org is org-1", List.of("org-1"))).isEqualTo("the org is org-1");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Authorization: Bearer abc.def.1234567890 was refused | Authorization: Bearer **** was refused",
                "Incorrect API key provided: sk-proj-AbCdEf123456. | Incorrect API key provided: sk-****.",
                "bad key sk-ant-api03-xyzxyzxyz | bad key sk-****",
                "cannot connect to https://scott:tiger99@db.internal:8443/v1 | cannot connect to https://****@db.internal:8443/v1",
                "GET https://h/v1?key=AIzaSyA1234567890abcdefghij&alt=json | GET https://h/v1?key=****&alt=json",
                "url https://acct.blob.core.windows.net/c?sv=2021&sig=abc%2Fdef123 | url https://acct.blob.core.windows.net/c?sv=2021&sig=****",
                "body {\"api_key\": \"k-1234567890\"} | body {\"api_key\": \"****\"}",
                "header x-api-key: 0123456789abcdef | header x-api-key: ****",
                "Google key AIzaSyA1234567890abcdefghijklmnop leaked | Google key **** leaked",
            })
    void credential_shapes_are_masked_whoever_they_belong_to(String text, String redacted) {
        assertThat(Redactor.redact(text, List.of())).isEqualTo(redacted);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "litellm.BadRequestError: OpenAIException - Invalid value for 'temperature'",
                "Bearer authentication failed for this deployment",
                "The api_key parameter is invalid",
                "key alias sk-...AbCd",
                "https://api.openai.com/v1/chat/completions returned 500",
                "task-force members asked for a basic answer",
            })
    void ordinary_messages_are_left_as_they_are(String text) {
        assertThat(Redactor.redact(text, List.of())).isEqualTo(text);
    }

    @Test
    void an_exception_keeps_everything_but_its_message() {
        GatewayException failure = GatewayException.upstream(
                ErrorKind.AUTHENTICATION, "rejected sk-abcdef123456", 401, Duration.ofSeconds(2));

        GatewayException redacted = Redactor.redact(failure, List.of());

        assertThat(redacted.getMessage()).isEqualTo("rejected sk-****");
        assertThat(redacted.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
        assertThat(redacted.upstreamStatus()).isEqualTo(401);
        assertThat(redacted.retryAfter()).contains(Duration.ofSeconds(2));
        GatewayException clean = GatewayException.of(ErrorKind.INTERNAL, "boom");
        assertThat(Redactor.redact(clean, List.of("something-long"))).isSameAs(clean);
    }
}
