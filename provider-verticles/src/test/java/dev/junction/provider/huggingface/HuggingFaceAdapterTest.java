package dev.junction.provider.huggingface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Deployment;
import dev.junction.config.Secret;
import dev.junction.provider.UpstreamRequest;
import dev.junction.provider.WireFixtures;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HuggingFaceAdapterTest {
    private static final String TOKEN = "hf_test0123456789abcdef";
    private final HuggingFaceAdapter adapter = new HuggingFaceAdapter();

    private static Deployment router(String model) {
        return WireFixtures.deployment(
                "huggingface", model, "https://router.huggingface.co", Secret.of(TOKEN), new JsonObject());
    }

    private static Deployment endpoint(String base) {
        return WireFixtures.deployment(
                "huggingface", "tgi", base, Secret.of(TOKEN), new JsonObject().put("api_base", base));
    }

    private static JsonObject chat() {
        return new JsonObject()
                .put("model", "hf")
                .put(
                        "messages",
                        new JsonArray().add(new JsonObject().put("role", "user").put("content", "Hi")))
                .put("temperature", 0.3);
    }

    @ParameterizedTest
    @CsvSource({
        "meta-llama/Llama-3.1-8B-Instruct, meta-llama/Llama-3.1-8B-Instruct:hf-inference",
        "together/deepseek-ai/DeepSeek-R1, deepseek-ai/DeepSeek-R1:together",
        "Qwen/Qwen2.5-72B-Instruct:nebius, Qwen/Qwen2.5-72B-Instruct:nebius"
    })
    void the_router_is_told_the_model_and_its_inference_provider(String model, String routed) {
        UpstreamRequest upstream =
                adapter.toUpstream(WireFixtures.call(Endpoint.CHAT_COMPLETIONS, chat(), router(model)));

        assertThat(upstream.url()).isEqualTo("https://router.huggingface.co/v1/chat/completions");
        assertThat(upstream.body().toJsonObject().getString("model")).isEqualTo(routed);
        assertThat(upstream.body().toJsonObject().getDouble("temperature")).isEqualTo(0.3);
        assertThat(upstream.headers().get("authorization")).isEqualTo("Bearer " + TOKEN);
    }

    @ParameterizedTest
    @CsvSource({
        "https://xyz.endpoints.huggingface.cloud, https://xyz.endpoints.huggingface.cloud/v1/chat/completions",
        "http://tgi:8080/v1, http://tgi:8080/v1/chat/completions",
        "http://tgi:8080/v1/chat/completions, http://tgi:8080/v1/chat/completions"
    })
    void an_inference_endpoint_or_tgi_server_is_called_on_its_openai_route(String base, String url) {
        UpstreamRequest upstream =
                adapter.toUpstream(WireFixtures.call(Endpoint.CHAT_COMPLETIONS, chat(), endpoint(base)));

        assertThat(upstream.url()).isEqualTo(url);
        assertThat(upstream.body().toJsonObject().getString("model")).isEqualTo("tgi");
    }

    @Test
    void legacy_completions_need_an_own_server() {
        JsonObject completion = new JsonObject().put("model", "hf").put("prompt", "Hi");

        assertThat(adapter.toUpstream(WireFixtures.call(Endpoint.COMPLETIONS, completion, endpoint("http://tgi:8080")))
                        .url())
                .isEqualTo("http://tgi:8080/v1/completions");
        assertThatThrownBy(() -> adapter.toUpstream(WireFixtures.call(
                        Endpoint.COMPLETIONS, completion, router("meta-llama/Llama-3.1-8B-Instruct"))))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.kind())
                        .isEqualTo(ErrorKind.UNSUPPORTED_BY_DEPLOYMENT));
    }

    @Test
    void embeddings_use_feature_extraction_and_come_back_as_an_openai_list() {
        Deployment embedder = router("sentence-transformers/all-MiniLM-L6-v2");
        JsonObject request = new JsonObject()
                .put("model", "emb")
                .put("input", new JsonArray().add("a").add("b"));

        UpstreamRequest upstream = adapter.toUpstream(WireFixtures.call(Endpoint.EMBEDDINGS, request, embedder));
        ProviderReply.Complete reply = adapter.fromUpstream(
                WireFixtures.call(Endpoint.EMBEDDINGS, request, embedder),
                WireFixtures.buffer("huggingface/feature-extraction.response.json"));

        assertThat(upstream.url())
                .isEqualTo("https://router.huggingface.co/hf-inference/models/sentence-transformers/all-MiniLM-L6-v2"
                        + "/pipeline/feature-extraction");
        assertThat(upstream.body().toJsonObject())
                .isEqualTo(
                        new JsonObject().put("inputs", new JsonArray().add("a").add("b")));
        assertThat(reply.body()
                        .toJsonObject()
                        .getJsonArray("data")
                        .getJsonObject(1)
                        .getJsonArray("embedding")
                        .getDouble(0))
                .isEqualTo(-0.0133);
    }

    @Test
    void tgi_validation_errors_over_the_limit_are_context_window_errors() {
        GatewayException error = adapter.classify(
                422,
                MultiMap.caseInsensitiveMultiMap(),
                WireFixtures.buffer("huggingface/tgi-error-422-too-long.json"));

        assertThat(error.kind()).isEqualTo(ErrorKind.CONTEXT_WINDOW_EXCEEDED);
        assertThat(error.getMessage())
                .startsWith("litellm.ContextWindowExceededError: HuggingfaceException - Input validation error");
    }
}
