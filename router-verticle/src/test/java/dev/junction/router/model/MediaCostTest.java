package dev.junction.router.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.Usage;
import dev.junction.config.Deployment;
import dev.junction.router.TestModelDeployments;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Prices of the operations not billed per token, from the shipped table and a deployment's own prices. */
class MediaCostTest {
    private final MediaCost cost = new MediaCost(ModelTable.load());

    private static ProviderReply.Complete json(JsonObject body) {
        return new ProviderReply.Complete(body.toBuffer(), Usage.NONE, null);
    }

    private static JsonObject images(int count) {
        JsonArray data = new JsonArray();
        for (int i = 0; i < count; i++) {
            data.add(new JsonObject().put("b64_json", "iVBORw0KGgo".repeat(1000)));
        }
        return new JsonObject().put("created", 1).put("data", data);
    }

    @Test
    void images_cost_the_price_of_their_size_and_quality_times_the_images_returned() {
        Deployment dalle3 = TestModelDeployments.of("openai/dall-e-3").build();

        double paid = cost.of(dalle3, Endpoint.IMAGE_GENERATIONS, new JsonObject(), json(images(3)));

        // standard/1024-x-1024/dall-e-3 per pixel: 0.04 an image, as dall-e-3's own price per image says
        assertThat(paid).isCloseTo(3 * 1024 * 1024 * 3.81469e-08, within(1e-12)).isCloseTo(0.12, within(1e-6));
    }

    @Test
    void a_model_priced_only_per_image_costs_that_per_image() {
        Deployment dalle2 = TestModelDeployments.of("openai/dall-e-2").build();

        double paid =
                cost.of(dalle2, Endpoint.IMAGE_GENERATIONS, new JsonObject().put("size", "999x999"), json(images(2)));

        assertThat(paid).isCloseTo(2 * 0.02, within(1e-12));
    }

    @Test
    void without_a_price_per_image_the_size_is_priced_per_pixel() {
        Deployment dalle2 = TestModelDeployments.of("openai/dall-e-2").build();
        JsonObject request = new JsonObject().put("size", "256x256");

        double paid = cost.of(dalle2, Endpoint.IMAGE_GENERATIONS, request, json(images(1)));

        double perPixel = ModelTable.load()
                .entry("256-x-256/dall-e-2")
                .orElseThrow()
                .media()
                .perPixel()
                .getAsDouble();
        assertThat(paid).isCloseTo(256 * 256 * perPixel, within(1e-12)).isPositive();
    }

    @Test
    void an_hd_image_costs_its_qualitys_price() {
        Deployment dalle3 = TestModelDeployments.of("openai/dall-e-3").build();
        JsonObject hd = new JsonObject().put("quality", "hd").put("size", "1024x1024");

        double paid = cost.of(dalle3, Endpoint.IMAGE_GENERATIONS, hd, json(images(1)));

        assertThat(paid).isCloseTo(1024 * 1024 * 7.629e-08, within(1e-12));
    }

    @Test
    void a_deployments_own_price_wins_over_the_table() {
        Deployment custom = TestModelDeployments.of("openai/dall-e-3")
                .param("output_cost_per_image", 0.5)
                .build();

        assertThat(cost.of(custom, Endpoint.IMAGE_GENERATIONS, new JsonObject(), json(images(2))))
                .isEqualTo(1.0);
    }

    @Test
    void transcriptions_cost_per_billed_second_and_speech_per_character() {
        Deployment whisper = TestModelDeployments.of("openai/whisper-1").build();
        Deployment tts = TestModelDeployments.of("openai/tts-1").build();
        JsonObject verbose = new JsonObject().put("text", "Hi").put("duration", 9.2);
        JsonObject billed = verbose.copy()
                .put("usage", new JsonObject().put("type", "duration").put("seconds", 10));

        assertThat(cost.of(whisper, Endpoint.AUDIO_TRANSCRIPTIONS, new JsonObject(), json(verbose)))
                .isCloseTo(9.2 * 0.0001, within(1e-12));
        assertThat(cost.of(whisper, Endpoint.AUDIO_TRANSCRIPTIONS, new JsonObject(), json(billed)))
                .isCloseTo(10 * 0.0001, within(1e-12));
        ProviderReply.Complete audio =
                new ProviderReply.Complete(Buffer.buffer(new byte[] {1, 2}), Usage.NONE, null, "audio/mpeg", false);
        assertThat(cost.of(tts, Endpoint.AUDIO_SPEECH, new JsonObject().put("input", "héllo 👋"), audio))
                .isCloseTo(7 * 1.5e-5, within(1e-12));
    }

    @Test
    void a_rerank_costs_its_search_units_or_one_query() {
        Deployment rerank =
                TestModelDeployments.of("cohere/rerank-english-v3.0").build();
        Deployment priced = TestModelDeployments.of("hosted_vllm/bge")
                .param("input_cost_per_query", 0.001)
                .build();
        JsonObject units = new JsonObject()
                .put("results", new JsonArray())
                .put("meta", new JsonObject().put("billed_units", new JsonObject().put("search_units", 3)));

        assertThat(cost.of(priced, Endpoint.RERANK, new JsonObject(), json(units)))
                .isCloseTo(0.003, within(1e-12));
        assertThat(cost.of(priced, Endpoint.RERANK, new JsonObject(), json(new JsonObject())))
                .isEqualTo(0.001);
        assertThat(cost.of(rerank, Endpoint.RERANK, new JsonObject(), json(new JsonObject())))
                .as("Cohere's rerank priced per query by the shipped table")
                .isCloseTo(0.002, within(1e-12));
        assertThat(cost.of(
                        TestModelDeployments.of("hosted_vllm/bge").build(),
                        Endpoint.RERANK,
                        new JsonObject(),
                        json(new JsonObject())))
                .as("a model without a price")
                .isEqualTo(0.0);
    }

    @Test
    void token_usage_prices_what_has_no_price_of_its_own_and_moderations_are_free() {
        Deployment moderation =
                TestModelDeployments.of("openai/omni-moderation-latest").build();
        Deployment perToken = TestModelDeployments.of("openai/gpt-image-x")
                .param("input_cost_per_token", 1e-5)
                .param("output_cost_per_token", 4e-5)
                .build();
        ProviderReply.Complete withUsage =
                new ProviderReply.Complete(images(1).toBuffer(), new Usage(100, 1000, 1100), null);

        assertThat(cost.of(perToken, Endpoint.IMAGE_GENERATIONS, new JsonObject(), withUsage))
                .isCloseTo(100 * 1e-5 + 1000 * 4e-5, within(1e-12));
        assertThat(cost.of(moderation, Endpoint.MODERATIONS, new JsonObject(), json(new JsonObject())))
                .isEqualTo(0.0);
    }
}
