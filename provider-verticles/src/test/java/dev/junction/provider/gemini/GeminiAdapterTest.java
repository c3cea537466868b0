package dev.junction.provider.gemini;

import static dev.junction.provider.gemini.GeminiFixtures.CLOCK;
import static dev.junction.provider.gemini.GeminiFixtures.KEY;
import static dev.junction.provider.gemini.GeminiFixtures.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Secret;
import dev.junction.provider.UpstreamRequest;
import dev.junction.provider.WireFixtures;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class GeminiAdapterTest {
    private final GeminiAdapter adapter = new GeminiAdapter(CLOCK);

    private static JsonObject chatBody(boolean stream) {
        return new JsonObject()
                .put("model", "gemini-flash")
                .put("stream", stream)
                .put(
                        "messages",
                        new JsonArray().add(new JsonObject().put("role", "user").put("content", "Hi")));
    }

    @Test
    void chat_posts_generate_content_with_the_key_in_a_header_not_the_url() {
        UpstreamRequest upstream = adapter.toUpstream(GeminiFixtures.chat(chatBody(false)));

        assertThat(upstream.url())
                .isEqualTo("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent");
        assertThat(upstream.headers().get("x-goog-api-key")).isEqualTo(KEY);
        assertThat(upstream.url()).doesNotContain(KEY);
        assertThat(upstream.body().toString()).doesNotContain(KEY);
    }

    @Test
    void a_stream_posts_stream_generate_content_as_sse() {
        UpstreamRequest upstream = adapter.toUpstream(GeminiFixtures.chat(chatBody(true)));

        assertThat(upstream.url()).endsWith("/models/gemini-2.0-flash:streamGenerateContent?alt=sse");
        assertThat(upstream.body().toJsonObject().containsKey("stream")).isFalse();
    }

    @Test
    void api_base_replaces_the_public_endpoint_and_tuned_models_keep_their_collection() {
        var proxied = WireFixtures.deployment(
                "gemini",
                "tunedModels/my-tune-123",
                "https://gateway.example/google/v1beta",
                Secret.of(KEY),
                new JsonObject());

        UpstreamRequest upstream =
                adapter.toUpstream(WireFixtures.call(Endpoint.CHAT_COMPLETIONS, chatBody(false), proxied));

        assertThat(upstream.url())
                .isEqualTo("https://gateway.example/google/v1beta/tunedModels/my-tune-123:generateContent");
    }

    @Test
    void one_text_is_embed_content_and_several_are_batch_embed_contents() {
        var embedder = deployment("text-embedding-004", new JsonObject());
        JsonObject one =
                new JsonObject().put("model", "emb").put("input", "hello").put("dimensions", 4);
        JsonObject two = new JsonObject()
                .put("model", "emb")
                .put("input", new JsonArray().add("a").add("b"));

        UpstreamRequest single = adapter.toUpstream(WireFixtures.call(Endpoint.EMBEDDINGS, one, embedder));
        UpstreamRequest batch = adapter.toUpstream(WireFixtures.call(Endpoint.EMBEDDINGS, two, embedder));

        assertThat(single.url()).endsWith("/models/text-embedding-004:embedContent");
        assertThat(single.body().toJsonObject())
                .isEqualTo(new JsonObject()
                        .put("model", "models/text-embedding-004")
                        .put(
                                "content",
                                new JsonObject()
                                        .put("parts", new JsonArray().add(new JsonObject().put("text", "hello"))))
                        .put("outputDimensionality", 4));
        assertThat(batch.url()).endsWith("/models/text-embedding-004:batchEmbedContents");
        assertThat(batch.body().toJsonObject().getJsonArray("requests")).hasSize(2);
    }

    @Test
    void embeddings_come_back_as_an_openai_list_in_input_order() {
        var embedder = deployment("text-embedding-004", new JsonObject());
        JsonObject two = new JsonObject()
                .put("model", "emb")
                .put("input", new JsonArray().add("a").add("b"));

        ProviderReply.Complete reply = adapter.fromUpstream(
                WireFixtures.call(Endpoint.EMBEDDINGS, two, embedder),
                WireFixtures.buffer("gemini/batch-embed-contents.response.json"));
        JsonObject body = reply.body().toJsonObject();

        assertThat(body.getString("object")).isEqualTo("list");
        assertThat(body.getString("model")).isEqualTo("text-embedding-004");
        assertThat(body.getJsonArray("data").getJsonObject(1).getInteger("index"))
                .isEqualTo(1);
        assertThat(body.getJsonArray("data")
                        .getJsonObject(1)
                        .getJsonArray("embedding")
                        .getDouble(0))
                .isEqualTo(-0.0069224825);
    }

    @Test
    void token_arrays_for_embeddings_and_legacy_completions_are_refused_before_going_upstream() {
        JsonObject tokens =
                new JsonObject().put("model", "emb").put("input", new JsonArray().add(new JsonArray().add(1)));
        JsonObject completion = new JsonObject().put("model", "gemini-flash").put("prompt", "Say hi");

        assertThatThrownBy(() -> adapter.toUpstream(
                        WireFixtures.call(Endpoint.EMBEDDINGS, tokens, deployment(new JsonObject()))))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.param()).contains("input"));
        assertThatThrownBy(() -> adapter.toUpstream(
                        WireFixtures.call(Endpoint.COMPLETIONS, completion, deployment(new JsonObject()))))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.UNSUPPORTED_BY_DEPLOYMENT);
                    assertThat(e.getMessage()).contains("gemini does not support completions");
                });
    }
}
