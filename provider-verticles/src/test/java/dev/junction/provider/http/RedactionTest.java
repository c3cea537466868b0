package dev.junction.provider.http;

import static dev.junction.provider.WireFixtures.AZURE_KEY;
import static dev.junction.provider.WireFixtures.azure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Deployment;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedactionTest {
    private static final String TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.payload.signature";

    @Test
    void the_key_and_any_credential_parameter_are_masked_and_the_rest_of_the_error_kept() {
        Deployment deployment =
                azure("gpt-4o-eu", new JsonObject().put("azure_ad_token", TOKEN).put("api_version", "2024-10-21"));
        GatewayException echoed = GatewayException.upstream(
                ErrorKind.AUTHENTICATION,
                "litellm.AuthenticationError: AzureException - key " + AZURE_KEY + " and token " + TOKEN
                        + " rejected for api-version 2024-10-21",
                401,
                Duration.ofSeconds(1));

        GatewayException redacted = Redaction.redact(echoed, deployment);

        assertThat(redacted.getMessage())
                .isEqualTo("litellm.AuthenticationError: AzureException - key **** and token **** rejected for"
                        + " api-version 2024-10-21");
        assertThat(redacted.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
        assertThat(redacted.upstreamStatus()).isEqualTo(401);
        assertThat(redacted.retryAfter()).contains(Duration.ofSeconds(1));
    }

    @Test
    void a_message_without_secrets_is_left_as_it_is() {
        GatewayException failure = GatewayException.of(ErrorKind.INTERNAL, "litellm.InternalServerError: boom");

        assertThat(Redaction.redact(failure, azure("gpt-4o-eu", new JsonObject())))
                .isSameAs(failure);
    }
}
