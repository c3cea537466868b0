package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.testkit.Answer;
import dev.junction.testkit.FakeUpstream;
import dev.junction.testkit.GeminiWire;
import dev.junction.testkit.GoogleServiceAccount;
import dev.junction.testkit.RecordedRequest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar, started as a user starts it with {@code GOOGLE_APPLICATION_CREDENTIALS} set, signs Vertex
 * AI calls with the application default credentials when a deployment names no {@code vertex_credentials},
 * and takes the project from them. Also shows that Google's auth library works from the fat jar.
 */
class VertexApplicationDefaultIT {

    @Test
    void application_default_credentials_sign_vertex_calls_and_name_the_project() throws Exception {
        Vertx vertx = Vertx.vertx();
        FakeUpstream upstream = GatewayHarness.await(FakeUpstream.start(vertx));
        try {
            GoogleServiceAccount account = GoogleServiceAccount.create(upstream, "adc-project");
            upstream.on(GoogleServiceAccount.TOKEN_PATH).replyAlways(account.tokenEndpoint());
            String path = GeminiWire.vertexPath(
                    "adc-project", "us-central1", "google", "gemini-2.0-flash", "generateContent");
            upstream.on(path).replyAlways(Answer.json(200, GeminiWire.answer("Signed by ADC.", 4, 3)));
            Path keyFile = Files.createTempFile("adc", ".json");
            Files.writeString(keyFile, account.json().encode());
            int clusterPort = JarNode.freePort();

            try (JarNode node = JarNode.launch(
                    "adc",
                    JarNode.config("/e2e/vertex-adc.yaml", upstream),
                    "junction-adc-" + UUID.randomUUID(),
                    clusterPort,
                    List.of(clusterPort),
                    List.of(),
                    Map.of("GOOGLE_APPLICATION_CREDENTIALS", keyFile.toString()))) {
                node.awaitMembers(1, Duration.ofSeconds(120));
                HttpResponse<String> response = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(node.uri("/v1/chat/completions"))
                                        .header("content-type", "application/json")
                                        .timeout(Duration.ofSeconds(60))
                                        .POST(HttpRequest.BodyPublishers.ofString(
                                                E2eClient.chatBody("vertex-adc").encode()))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());

                assertThat(response.statusCode()).as(node.logTail()).isEqualTo(200);
                assertThat(new JsonObject(response.body()).encode()).contains("Signed by ADC.");
                RecordedRequest sent = upstream.requests(path).get(0);
                assertThat(sent.header("authorization")).isEqualTo("Bearer " + GoogleServiceAccount.token(1));
                assertThat(account.tokensIssued()).isEqualTo(1);
            }
        } finally {
            upstream.close();
            GatewayHarness.await(vertx.close());
        }
    }
}
