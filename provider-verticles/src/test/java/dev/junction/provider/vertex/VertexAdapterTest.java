package dev.junction.provider.vertex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Deployment;
import dev.junction.provider.UpstreamRequest;
import dev.junction.provider.WireFixtures;
import dev.junction.provider.google.GoogleTokens;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VertexAdapterTest {
    private final VertexAdapter adapter =
            new VertexAdapter(new GoogleTokens(Clock.systemUTC(), VertexAdapter.LABEL), Clock.systemUTC());

    private static Deployment vertex(String model, JsonObject params) {
        return WireFixtures.deployment("vertex_ai", model, "https://aiplatform.googleapis.com", null, params);
    }

    private static JsonObject chatBody(boolean stream) {
        return new JsonObject()
                .put("model", "vertex-model")
                .put("stream", stream)
                .put(
                        "messages",
                        new JsonArray().add(new JsonObject().put("role", "user").put("content", "Hi")));
    }

    private UpstreamRequest chat(Deployment deployment, boolean stream) {
        return adapter.toUpstream(WireFixtures.call(Endpoint.CHAT_COMPLETIONS, chatBody(stream), deployment));
    }

    @ParameterizedTest
    @CsvSource({
        "us-central1, https://us-central1-aiplatform.googleapis.com/v1/projects/p1/locations/us-central1",
        "europe-west4, https://europe-west4-aiplatform.googleapis.com/v1/projects/p1/locations/europe-west4",
        "global, https://aiplatform.googleapis.com/v1/projects/p1/locations/global",
        "eu, https://aiplatform.eu.rep.googleapis.com/v1/projects/p1/locations/eu"
    })
    void gemini_goes_to_the_regional_endpoint_of_its_location(String location, String prefix) {
        Deployment deployment = vertex(
                "gemini-2.0-flash", new JsonObject().put("vertex_project", "p1").put("vertex_location", location));

        assertThat(chat(deployment, false).url())
                .isEqualTo(prefix + "/publishers/google/models/gemini-2.0-flash:generateContent");
        assertThat(chat(deployment, true).url())
                .isEqualTo(prefix + "/publishers/google/models/gemini-2.0-flash:streamGenerateContent?alt=sse");
    }

    @Test
    void without_project_or_location_the_credentials_project_and_us_central1_stand_in() {
        UpstreamRequest upstream = chat(vertex("gemini-2.0-flash", new JsonObject()), false);

        assertThat(upstream.url())
                .isEqualTo("https://us-central1-aiplatform.googleapis.com/v1/projects/" + VertexUrls.CREDENTIALS_PROJECT
                        + "/locations/us-central1/publishers/google/models/gemini-2.0-flash:generateContent");
        assertThat(upstream.headers().contains("authorization"))
                .as("the signer adds it")
                .isFalse();
    }

    @Test
    void claude_goes_to_raw_predict_with_vertex_anthropic_version_and_no_model_in_the_body() {
        Deployment claude = vertex(
                "claude-3-5-sonnet-v2@20241022",
                new JsonObject().put("vertex_ai_project", "p1").put("vertex_ai_location", "us-east5"));

        UpstreamRequest plain = chat(claude, false);
        UpstreamRequest streamed = chat(claude, true);

        assertThat(plain.url())
                .isEqualTo("https://us-east5-aiplatform.googleapis.com/v1/projects/p1/locations/us-east5/"
                        + "publishers/anthropic/models/claude-3-5-sonnet-v2@20241022:rawPredict");
        assertThat(streamed.url()).endsWith(":streamRawPredict");
        JsonObject body = plain.body().toJsonObject();
        assertThat(body.containsKey("model")).isFalse();
        assertThat(body.getString("anthropic_version")).isEqualTo("vertex-2023-10-16");
        assertThat(body.getInteger("max_tokens")).isEqualTo(4096);
        assertThat(body.getJsonArray("messages").getJsonObject(0).getString("role"))
                .isEqualTo("user");
        assertThat(streamed.body().toJsonObject().getBoolean("stream")).isTrue();
        assertThat(plain.headers().contains("x-api-key")).isFalse();
    }

    @Test
    void an_api_base_with_a_path_is_the_url_up_to_the_method_and_a_bare_host_keeps_the_path() {
        Deployment proxied = vertex(
                "gemini-2.0-flash",
                new JsonObject()
                        .put("vertex_project", "p1")
                        .put("api_base", "https://gw.example/vertex/gemini-2.0-flash"));
        proxied = WireFixtures.deployment(
                "vertex_ai",
                "gemini-2.0-flash",
                "https://gw.example/vertex/gemini-2.0-flash",
                null,
                proxied.litellmParams());
        Deployment privateHost = WireFixtures.deployment(
                "vertex_ai",
                "gemini-2.0-flash",
                "https://vertex.internal:8443",
                null,
                new JsonObject().put("vertex_project", "p1").put("api_base", "https://vertex.internal:8443"));

        assertThat(chat(proxied, true).url())
                .isEqualTo("https://gw.example/vertex/gemini-2.0-flash:streamGenerateContent?alt=sse");
        assertThat(chat(privateHost, false).url())
                .isEqualTo("https://vertex.internal:8443/v1/projects/p1/locations/us-central1/publishers/google/"
                        + "models/gemini-2.0-flash:generateContent");
    }

    @Test
    void embeddings_predict_one_instance_per_text_and_sum_the_token_counts() {
        Deployment embedder = vertex("text-embedding-005", new JsonObject().put("vertex_project", "p1"));
        JsonObject request = new JsonObject()
                .put("model", "emb")
                .put("input", new JsonArray().add("a").add("b"))
                .put("dimensions", 256);

        UpstreamRequest upstream = adapter.toUpstream(WireFixtures.call(Endpoint.EMBEDDINGS, request, embedder));
        ProviderReply.Complete reply = adapter.fromUpstream(
                WireFixtures.call(Endpoint.EMBEDDINGS, request, embedder),
                WireFixtures.buffer("vertex/predict-embeddings.response.json"));

        assertThat(upstream.url()).endsWith("/publishers/google/models/text-embedding-005:predict");
        assertThat(upstream.body().toJsonObject())
                .isEqualTo(new JsonObject()
                        .put(
                                "instances",
                                new JsonArray()
                                        .add(new JsonObject().put("content", "a"))
                                        .add(new JsonObject().put("content", "b")))
                        .put("parameters", new JsonObject().put("outputDimensionality", 256)));
        assertThat(reply.usage()).isEqualTo(new Usage(7, 0, 7));
        assertThat(reply.body().toJsonObject().getJsonArray("data")).hasSize(2);
    }

    @Test
    void errors_are_read_in_googles_shape_or_in_anthropics_when_claude_itself_refuses() {
        GatewayException quota =
                adapter.classify(429, MultiMap.caseInsensitiveMultiMap(), WireFixtures.buffer("vertex/error-429.json"));
        GatewayException tooLong = adapter.classify(
                400,
                MultiMap.caseInsensitiveMultiMap(),
                WireFixtures.buffer("anthropic/error-400-prompt-too-long.json"));

        assertThat(quota.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(quota.getMessage()).startsWith("litellm.RateLimitError: VertexAIException - Quota exceeded");
        assertThat(tooLong.kind()).isEqualTo(ErrorKind.CONTEXT_WINDOW_EXCEEDED);
    }

    @Test
    void legacy_completions_are_refused() {
        JsonObject completion = new JsonObject().put("model", "m").put("prompt", "Hi");

        assertThatThrownBy(() -> adapter.toUpstream(WireFixtures.call(
                        Endpoint.COMPLETIONS, completion, vertex("gemini-2.0-flash", new JsonObject()))))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.getMessage())
                        .contains("vertex_ai does not support completions"));
    }
}
