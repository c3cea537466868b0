package dev.junction.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientCredentialCheckTest {
    private static final ClientCredentialCheck REFUSING = new ClientCredentialCheck(false);
    private static final ClientCredentialCheck ALLOWING = new ClientCredentialCheck(true);

    private static String refusedParam(ClientCredentialCheck check, String body) {
        GatewayException refused =
                catchThrowableOfType(GatewayException.class, () -> check.check(new JsonObject(body)));
        assertThat(refused).as(body).isNotNull();
        assertThat(refused.kind()).isEqualTo(ErrorKind.BAD_REQUEST);
        return refused.param().orElseThrow();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"model\":\"m\",\"api_key\":\"sk-x\"} | api_key",
                "{\"model\":\"m\",\"base_url\":\"http://evil\"} | base_url",
                "{\"model\":\"m\",\"fallbacks\":[{\"model\":\"good\",\"api_base\":\"http://evil/v1\"}]} | fallbacks[0].api_base",
                "{\"model\":\"m\",\"fallbacks\":[\"a\",{\"model\":\"b\",\"extra_headers\":{\"x\":\"y\"}}]} | fallbacks[1].extra_headers",
                "{\"model\":\"m\",\"fallbacks\":[{\"model\":\"b\",\"litellm_params\":{\"api_key\":\"k\"}}]} | fallbacks[0].litellm_params.api_key",
                "{\"model\":\"m\",\"metadata\":{\"langfuse_host\":\"http://evil\"}} | metadata.langfuse_host",
                "{\"model\":\"m\",\"litellm_metadata\":\"{\\\"api_base\\\":\\\"http://evil\\\"}\"} | litellm_metadata.api_base",
                "{\"model\":\"m\",\"litellm_embedding_config\":{\"api_base\":\"http://evil\"}} | litellm_embedding_config.api_base",
                "{\"model\":\"m\",\"user_config\":{\"model_list\":[]}} | user_config",
                "{\"model\":\"m\",\"aws_secret_access_key\":\"a\"} | aws_secret_access_key",
                "{\"model\":\"m\",\"vertex_credentials\":\"{}\"} | vertex_credentials",
                "{\"model\":\"m\",\"azure_ad_token\":\"t\"} | azure_ad_token",
                "{\"model\":\"m\",\"headers\":{\"authorization\":\"x\"}} | headers",
                "{\"model\":\"m\",\"api_version\":\"2024-10-21\"} | api_version",
                "{\"model\":\"m\",\"content_policy_fallbacks\":[{\"model\":\"b\",\"aws_sts_endpoint\":\"x\"}]} | content_policy_fallbacks[0].aws_sts_endpoint",
            })
    void every_credential_or_endpoint_is_refused_wherever_it_is(String body, String param) {
        assertThat(refusedParam(REFUSING, body)).isEqualTo(param);
    }

    @Test
    void the_callers_own_data_is_not_looked_into() {
        String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"my api_key is x\"}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{\"type\":\"object\","
                + "\"properties\":{\"api_key\":{\"type\":\"string\"},\"headers\":{\"type\":\"object\"}}}}}],"
                + "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"schema\":{\"properties\":"
                + "{\"base_url\":{\"type\":\"string\"}}}}},"
                + "\"fallbacks\":[{\"gpt-4o\":[\"claude\"]}],\"metadata\":{\"tags\":[\"a\"]}}";

        assertThatCode(() -> REFUSING.check(new JsonObject(body))).doesNotThrowAnyException();
    }

    @Test
    void when_allowed_a_client_endpoint_needs_the_clients_own_key() {
        assertThat(refusedParam(ALLOWING, "{\"model\":\"m\",\"api_base\":\"http://mine/v1\"}"))
                .isEqualTo("api_base");
        assertThat(refusedParam(
                        ALLOWING, "{\"model\":\"m\",\"fallbacks\":[{\"model\":\"b\",\"base_url\":\"http://x\"}]}"))
                .isEqualTo("fallbacks[0].base_url");
        assertThat(refusedParam(ALLOWING, "{\"model\":\"m\",\"api_key\":7}")).isEqualTo("api_key");
        assertThatCode(() -> ALLOWING.check(
                        new JsonObject("{\"model\":\"m\",\"api_base\":\"http://mine/v1\",\"api_key\":\"sk-mine\"}")))
                .doesNotThrowAnyException();
        assertThatCode(
                        () -> ALLOWING.check(
                                new JsonObject(
                                        "{\"model\":\"m\",\"api_key\":\"sk-mine\",\"fallbacks\":[{\"model\":\"b\",\"api_base\":\"http://x\"}]}")))
                .as("the request's own key goes with the fallback's endpoint")
                .doesNotThrowAnyException();
        assertThatCode(
                        () -> ALLOWING.check(
                                new JsonObject(
                                        "{\"model\":\"m\",\"fallbacks\":[{\"model\":\"b\",\"api_base\":\"http://x\",\"api_key\":\"k\"}]}")))
                .doesNotThrowAnyException();
    }

    @Test
    void a_walk_too_deep_is_refused_rather_than_followed() {
        StringBuilder body = new StringBuilder("{\"model\":\"m\"");
        for (int i = 0; i < 20; i++) {
            body.append(",\"metadata\":{\"x\":1");
        }
        body.append("}".repeat(21));

        assertThat(refusedParam(REFUSING, body.toString())).startsWith("metadata.metadata.");
    }
}
