package dev.junction.gateway;

import static dev.junction.gateway.E2eClient.chatBody;
import static dev.junction.gateway.E2eClient.content;
import static dev.junction.gateway.E2eClient.error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.testkit.AzureWire;
import dev.junction.testkit.FakeUpstream;
import dev.junction.testkit.OpenAiWire;
import dev.junction.testkit.RecordedRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With {@code allow_client_side_credentials}, a request may bring its own key and endpoint; the endpoint (a
 * second real server here, the client's own) receives the client's key and never the deployment's secrets.
 */
class ClientCredentialsIT {
    private static final String SECRETS_OF_THE_DEPLOYMENTS =
            "sk-deployment-secret-1|internal-secret-1|ad-token-secret-1";

    private static GatewayHarness gateway;
    private static E2eClient client;
    private static FakeUpstream clientsOwn;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayHarness.start("/e2e/client-credentials.yaml");
        client = new E2eClient(gateway, "sk-master-client-credentials");
        clientsOwn = GatewayHarness.await(FakeUpstream.start(gateway.vertx));
    }

    @AfterAll
    static void stop() throws Exception {
        GatewayHarness.await(clientsOwn.close());
        gateway.close();
    }

    @BeforeEach
    void reset() {
        gateway.upstream.reset();
        clientsOwn.reset();
        clientsOwn.on("/v1/chat/completions").replyAlways(OpenAiWire.ok("from the client's own server"));
        clientsOwn
                .on(AzureWire.chatPath("prod"))
                .replyAlways(AzureWire.chat("gpt-4o").content("own azure").answer());
    }

    private static void assertNoDeploymentSecretIn(RecordedRequest request) {
        String seen = request.headers().toString() + request.bodyAsString();
        for (String secret : SECRETS_OF_THE_DEPLOYMENTS.split("\\|")) {
            assertThat(seen).doesNotContain(secret);
        }
    }

    @Test
    void a_clients_endpoint_gets_the_clients_key_and_none_of_the_deployments_secrets() throws Exception {
        HttpResponse<String> response = client.chat(
                chatBody("gpt-4o").put("api_base", clientsOwn.baseUrl() + "/v1").put("api_key", "sk-client-own-1"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(content(response)).isEqualTo("from the client's own server");
        RecordedRequest sent = clientsOwn.lastRequest();
        assertThat(sent.header("authorization")).isEqualTo("Bearer sk-client-own-1");
        assertThat(sent.header("x-internal-token")).isNull();
        assertThat(sent.bodyAsJson().containsKey("api_key")).isFalse();
        assertNoDeploymentSecretIn(sent);
        assertThat(gateway.upstream.requests()).isEmpty();
    }

    @Test
    void an_azure_deployments_token_stays_home_when_the_client_brings_its_endpoint() throws Exception {
        HttpResponse<String> response = client.chat(
                chatBody("azure-ad").put("api_base", clientsOwn.baseUrl()).put("api_key", "client-azure-key-1"));

        assertThat(response.statusCode()).isEqualTo(200);
        RecordedRequest sent = clientsOwn.lastRequest();
        assertThat(sent.header("api-key")).isEqualTo("client-azure-key-1");
        assertThat(sent.header("authorization")).isNull();
        assertNoDeploymentSecretIn(sent);
    }

    @Test
    void a_clients_endpoint_without_its_own_key_is_refused_and_nothing_is_sent() throws Exception {
        HttpResponse<String> response = client.chat(chatBody("gpt-4o").put("api_base", clientsOwn.baseUrl() + "/v1"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response).getString("param")).isEqualTo("api_base");
        assertThat(error(response).getString("message")).contains("own api_key");
        assertThat(clientsOwn.requests()).isEmpty();
        assertThat(gateway.upstream.requests()).isEmpty();
    }

    @Test
    void a_clients_endpoint_that_is_not_an_http_url_is_a_400_naming_it() throws Exception {
        for (String base : new String[] {"not a url", "ftp://files.example/v1", "http://"}) {
            HttpResponse<String> response =
                    client.chat(chatBody("gpt-4o").put("api_base", base).put("api_key", "sk-client-own-3"));

            assertThat(response.statusCode()).as(base).isEqualTo(400);
            assertThat(error(response).getString("param")).isEqualTo("api_base");
            assertThat(error(response).getString("message")).contains("absolute http");
        }
        assertThat(gateway.upstream.requests()).isEmpty();
    }

    @Test
    void a_fallback_to_a_clients_endpoint_needs_a_client_key_too() throws Exception {
        JsonObject toClient = new JsonObject().put("model", "gpt-4o").put("api_base", clientsOwn.baseUrl() + "/v1");
        JsonObject body = chatBody("azure-ad")
                .put("mock_testing_fallbacks", true)
                .put("fallbacks", new JsonArray().add(toClient));

        HttpResponse<String> refused = client.chat(body);
        HttpResponse<String> withKey = client.chat(body.copy().put("api_key", "sk-client-own-2"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(error(refused).getString("param")).isEqualTo("fallbacks[0].api_base");
        assertThat(withKey.statusCode()).isEqualTo(200);
        assertThat(content(withKey)).isEqualTo("from the client's own server");
        assertThat(clientsOwn.requests()).hasSize(1);
        assertThat(clientsOwn.lastRequest().header("authorization")).isEqualTo("Bearer sk-client-own-2");
        assertNoDeploymentSecretIn(clientsOwn.lastRequest());
    }

    @Test
    void a_client_key_alone_goes_to_the_configured_endpoint() throws Exception {
        gateway.upstream.on("/configured/v1/chat/completions").reply(OpenAiWire.ok("configured"));

        HttpResponse<String> response = client.chat(chatBody("gpt-4o").put("api_key", "sk-client-own-3"));

        assertThat(content(response)).isEqualTo("configured");
        assertThat(gateway.upstream.lastRequest().header("authorization")).isEqualTo("Bearer sk-client-own-3");
        assertThat(clientsOwn.requests()).isEmpty();
    }
}
