package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.errors.BadRequestException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.audio.AudioResponseFormat;
import com.openai.models.audio.speech.SpeechCreateParams;
import com.openai.models.audio.transcriptions.TranscriptionCreateParams;
import com.openai.models.audio.transcriptions.TranscriptionCreateResponse;
import com.openai.models.images.ImageGenerateParams;
import com.openai.models.images.ImagesResponse;
import com.openai.models.moderations.ModerationCreateParams;
import com.openai.models.moderations.ModerationCreateResponse;
import dev.junction.testkit.OpenAiMediaWire;
import dev.junction.testkit.RecordedRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Images, audio, moderations and rerank through Junction with the official OpenAI SDK: relayed to the
 * OpenAI-format deployments of their models at the same path, refused by providers that have no such
 * operation, and held to a virtual key's models and budget, priced per image, second, character or query.
 */
class MediaEndpointsIT {
    private static final String MASTER = "sk-master-surfaces";
    private static final String MEDIA = "/media";

    private static GatewayHarness gateway;
    private static OpenAIClient client;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayHarness.start("/e2e/surfaces.yaml");
        client = gateway.openAi(MASTER);
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        gateway.close();
    }

    @BeforeEach
    void resetUpstream() {
        gateway.upstream.reset();
    }

    private static ImageGenerateParams image(String model) {
        return ImageGenerateParams.builder()
                .model(model)
                .prompt("A cute baby sea otter")
                .n(1)
                .size(ImageGenerateParams.Size._1024X1024)
                .build();
    }

    @Test
    void an_image_request_reaches_the_deployment_with_its_model_and_comes_back() {
        gateway.upstream.on(MEDIA + OpenAiMediaWire.IMAGES_PATH).reply(OpenAiMediaWire.images("https://img/otter.png"));

        HttpResponseFor<ImagesResponse> raw = client.images().withRawResponse().generate(image("dall-e-3"));

        assertThat(raw.parse().data().orElseThrow().get(0).url()).contains("https://img/otter.png");
        assertThat(raw.headers().values("x-litellm-model-group")).containsExactly("dall-e-3");
        RecordedRequest sent = gateway.upstream.lastRequest();
        assertThat(sent.header("authorization")).isEqualTo("Bearer sk-openai-surfaces");
        assertThat(sent.bodyAsJson().getString("model")).isEqualTo("dall-e-3");
        assertThat(sent.bodyAsJson().getString("prompt")).isEqualTo("A cute baby sea otter");
    }

    @Test
    void an_audio_file_is_uploaded_as_a_multipart_form_with_the_deployments_model(
            @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        gateway.upstream
                .on(MEDIA + OpenAiMediaWire.TRANSCRIPTIONS_PATH)
                .reply(OpenAiMediaWire.verboseTranscription("Hello there.", 12.5));
        Path audio = Files.write(dir.resolve("greeting.wav"), OpenAiMediaWire.audioFile());

        TranscriptionCreateResponse response = client.audio()
                .transcriptions()
                .create(TranscriptionCreateParams.builder()
                        .file(audio)
                        .model("whisper")
                        .responseFormat(AudioResponseFormat.VERBOSE_JSON)
                        .build());

        assertThat(response.asVerbose().text()).isEqualTo("Hello there.");
        assertThat(response.asVerbose().duration()).isEqualTo(12.5);
        RecordedRequest sent = gateway.upstream.lastRequest();
        assertThat(sent.header("content-type")).startsWith("multipart/form-data; boundary=");
        String form = sent.body().toString(StandardCharsets.ISO_8859_1);
        assertThat(form).contains("name=\"model\"\r\n\r\nwhisper-1\r\n");
        assertThat(form).contains("name=\"response_format\"\r\n\r\nverbose_json\r\n");
        assertThat(form).contains("filename=\"greeting.wav\"");
        assertThat(form).contains(new String(OpenAiMediaWire.audioFile(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void a_transcript_asked_for_as_text_comes_back_as_plain_text() throws Exception {
        gateway.upstream
                .on(MEDIA + OpenAiMediaWire.TRANSCRIPTIONS_PATH)
                .reply(OpenAiMediaWire.textTranscription("Hello there."));
        String boundary = "----junction-test";
        String form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"response_format\"\r\n\r\ntext\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\nRIFF....\r\n--" + boundary + "--\r\n";

        HttpResponse<String> response = gateway.post(
                "/v1/audio/transcriptions",
                form,
                "authorization",
                "Bearer " + MASTER,
                "content-type",
                "multipart/form-data; boundary=" + boundary);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("Hello there.");
        assertThat(response.headers().firstValue("content-type")).contains("text/plain; charset=utf-8");
    }

    @Test
    void an_upload_on_the_routers_paths_reaches_the_deployment_too() throws Exception {
        gateway.upstream
                .on(MEDIA + OpenAiMediaWire.TRANSCRIPTIONS_PATH)
                .replyAlways(OpenAiMediaWire.textTranscription("Hi."));
        String boundary = "b1";
        String form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"response_format\"\r\n\r\ntext\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\nRIFF\r\n--" + boundary + "--\r\n";

        for (String path :
                new String[] {"/v1/audio/transcriptions/", "/openai/deployments/whisper/audio/transcriptions"}) {
            HttpResponse<String> response = gateway.post(
                    path,
                    form,
                    "authorization",
                    "Bearer " + MASTER,
                    "content-type",
                    "multipart/form-data; boundary=" + boundary);
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("Hi.");
        }
        assertThat(gateway.upstream.requests(MEDIA + OpenAiMediaWire.TRANSCRIPTIONS_PATH))
                .hasSize(2);
    }

    @Test
    void an_upload_without_a_file_is_refused_naming_the_field() throws Exception {
        String boundary = "b0";
        String form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper\r\n--"
                + boundary + "--\r\n";

        HttpResponse<String> response = gateway.post(
                "/v1/audio/transcriptions",
                form,
                "authorization",
                "Bearer " + MASTER,
                "content-type",
                "multipart/form-data; boundary=" + boundary);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(E2eClient.error(response).getString("param")).isEqualTo("file");
        assertThat(gateway.upstream.requests()).isEmpty();
    }

    @Test
    void speech_comes_back_as_the_audio_bytes() throws Exception {
        gateway.upstream.on(MEDIA + OpenAiMediaWire.SPEECH_PATH).reply(OpenAiMediaWire.speech());

        com.openai.core.http.HttpResponse audio = client.audio()
                .speech()
                .create(SpeechCreateParams.builder()
                        .model("tts")
                        .input("Hello there")
                        .voice(SpeechCreateParams.Voice.ALLOY)
                        .build());

        try (audio) {
            assertThat(audio.body().readAllBytes()).isEqualTo(OpenAiMediaWire.MP3_BYTES);
            assertThat(audio.headers().values("content-type")).containsExactly("audio/mpeg");
        }
        assertThat(gateway.upstream.lastRequest().bodyAsJson().getString("model"))
                .isEqualTo("tts-1");
    }

    @Test
    void health_checks_call_image_speech_and_transcription_deployments_in_their_own_modes() throws Exception {
        gateway.upstream.on(MEDIA + OpenAiMediaWire.IMAGES_PATH).reply(OpenAiMediaWire.images("https://img/t.png"));
        gateway.upstream.on(MEDIA + OpenAiMediaWire.SPEECH_PATH).reply(OpenAiMediaWire.speech());
        gateway.upstream
                .on(MEDIA + OpenAiMediaWire.TRANSCRIPTIONS_PATH)
                .reply(OpenAiMediaWire.verboseTranscription("", 0.5));

        for (String group : new String[] {"dall-e-3", "tts", "whisper"}) {
            HttpResponse<String> health = gateway.get("/health?model=" + group, "authorization", "Bearer " + MASTER);
            JsonObject body = new JsonObject(health.body());
            assertThat(body.getInteger("healthy_count")).as(health.body()).isEqualTo(1);
            assertThat(body.getInteger("unhealthy_count")).as(health.body()).isZero();
        }

        JsonObject image = gateway.upstream
                .requests(MEDIA + OpenAiMediaWire.IMAGES_PATH)
                .get(0)
                .bodyAsJson();
        assertThat(image.getString("model")).isEqualTo("dall-e-3");
        assertThat(image.getInteger("n")).isEqualTo(1);
        JsonObject speech = gateway.upstream
                .requests(MEDIA + OpenAiMediaWire.SPEECH_PATH)
                .get(0)
                .bodyAsJson();
        assertThat(speech.getString("voice")).isEqualTo("alloy");
        assertThat(speech.getString("input")).isNotBlank();
        RecordedRequest upload = gateway.upstream
                .requests(MEDIA + OpenAiMediaWire.TRANSCRIPTIONS_PATH)
                .get(0);
        assertThat(upload.header("content-type")).startsWith("multipart/form-data; boundary=");
        String form = upload.body().toString(StandardCharsets.ISO_8859_1);
        assertThat(form).contains("name=\"model\"\r\n\r\nwhisper-1\r\n");
        // a real WAV file: the RIFF header, its WAVE form type and 16-bit mono PCM at 16 kHz
        javax.sound.sampled.AudioFormat format = javax.sound.sampled.AudioSystem.getAudioFileFormat(
                        new java.io.ByteArrayInputStream(wavPart(form)))
                .getFormat();
        assertThat(format.getSampleRate()).isEqualTo(16_000f);
        assertThat(format.getChannels()).isEqualTo(1);
    }

    /** The file part's bytes of a multipart form read as ISO-8859-1 (one char per byte). */
    private static byte[] wavPart(String form) {
        int start = form.indexOf("RIFF");
        int end = form.indexOf("\r\n--", start);
        return form.substring(start, end).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void a_moderation_is_relayed() {
        gateway.upstream.on(MEDIA + OpenAiMediaWire.MODERATIONS_PATH).reply(OpenAiMediaWire.moderation(true));

        ModerationCreateResponse response = client.moderations()
                .create(ModerationCreateParams.builder()
                        .model("moderation")
                        .input("I will hurt you")
                        .build());

        assertThat(response.results().get(0).flagged()).isTrue();
        assertThat(gateway.upstream.lastRequest().bodyAsJson().getString("model"))
                .isEqualTo("omni-moderation-latest");
    }

    @Test
    void a_rerank_is_relayed_at_each_of_its_paths() throws Exception {
        gateway.upstream.on(MEDIA + OpenAiMediaWire.RERANK_PATH).replyAlways(OpenAiMediaWire.rerank(0.9, 0.1));
        JsonObject request = new JsonObject()
                .put("model", "reranker")
                .put("query", "capital of France")
                .put("documents", new JsonArray().add("Paris is the capital.").add("Bananas are yellow."));

        for (String path : new String[] {"/rerank", "/v1/rerank", "/v2/rerank"}) {
            HttpResponse<String> response = gateway.post(path, request.encode(), "authorization", "Bearer " + MASTER);
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
            assertThat(new JsonObject(response.body())
                            .getJsonArray("results")
                            .getJsonObject(0)
                            .getDouble("relevance_score"))
                    .isEqualTo(0.9);
        }
        assertThat(gateway.upstream.lastRequest().bodyAsJson().getString("model"))
                .isEqualTo("BAAI/bge-reranker-v2-m3");
    }

    @Test
    void a_provider_without_the_operation_refuses_it_clearly() throws Exception {
        HttpResponse<String> claudeImage = gateway.post(
                "/v1/images/generations",
                new JsonObject()
                        .put("model", "claude")
                        .put("prompt", "An otter")
                        .encode(),
                "authorization",
                "Bearer " + MASTER);
        HttpResponse<String> azureModeration = gateway.post(
                "/v1/moderations",
                new JsonObject().put("model", "azure-gpt").put("input", "Hi").encode(),
                "authorization",
                "Bearer " + MASTER);

        assertThat(claudeImage.statusCode()).isEqualTo(400);
        assertThat(E2eClient.error(claudeImage).getString("message"))
                .contains("anthropic does not support images/generations");
        assertThat(azureModeration.statusCode()).isEqualTo(400);
        assertThat(E2eClient.error(azureModeration).getString("message")).contains("does not serve /moderations");
        assertThat(gateway.upstream.requests()).isEmpty();
    }

    @Test
    void an_azure_image_deployment_is_addressed_azures_way() {
        gateway.upstream
                .on("/azure/openai/deployments/dall-e-3/images/generations")
                .reply(OpenAiMediaWire.images("https://img/azure.png"));

        ImagesResponse response = client.images().generate(image("azure-images"));

        assertThat(response.data().orElseThrow().get(0).url()).contains("https://img/azure.png");
        assertThat(gateway.upstream.lastRequest().header("api-key")).isEqualTo("azure-surfaces");
    }

    @Test
    void a_virtual_key_pays_per_image_second_character_and_query() throws Exception {
        String key = newKey(new JsonObject());
        gateway.upstream.on(MEDIA + OpenAiMediaWire.IMAGES_PATH).reply(OpenAiMediaWire.images("https://img/1.png"));
        gateway.upstream.on(MEDIA + OpenAiMediaWire.SPEECH_PATH).reply(OpenAiMediaWire.speech());
        gateway.upstream.on(MEDIA + OpenAiMediaWire.RERANK_PATH).reply(OpenAiMediaWire.rerank(0.5));
        gateway.upstream
                .on(MEDIA + OpenAiMediaWire.TRANSCRIPTIONS_PATH)
                .reply(OpenAiMediaWire.verboseTranscription("Hi.", 12.5));
        OpenAIClient keyed = gateway.openAi(key);

        String imageCost = keyed.images()
                .withRawResponse()
                .generate(image("dall-e-3"))
                .headers()
                .values("x-litellm-response-cost")
                .get(0);
        String speechCost = keyed.audio()
                .speech()
                .create(SpeechCreateParams.builder()
                        .model("tts")
                        .input("Hello there")
                        .voice(SpeechCreateParams.Voice.ALLOY)
                        .build())
                .headers()
                .values("x-litellm-response-cost")
                .get(0);
        HttpResponse<String> rerank = gateway.post(
                "/v1/rerank",
                new JsonObject()
                        .put("model", "reranker")
                        .put("query", "q")
                        .put("documents", new JsonArray().add("d"))
                        .encode(),
                "authorization",
                "Bearer " + key);
        String transcriptionCost = keyed.audio()
                .transcriptions()
                .withRawResponse()
                .create(TranscriptionCreateParams.builder()
                        .file(OpenAiMediaWire.audioFile())
                        .model("whisper")
                        .responseFormat(AudioResponseFormat.VERBOSE_JSON)
                        .build())
                .headers()
                .values("x-litellm-response-cost")
                .get(0);

        // dall-e-3, standard 1024x1024: LiteLLM's price per pixel of that size, 0.04 an image
        assertThat(Double.parseDouble(imageCost)).isCloseTo(0.04, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(Double.parseDouble(speechCost)).isCloseTo(11 * 1.5e-5, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Double.parseDouble(
                        rerank.headers().firstValue("x-litellm-response-cost").orElseThrow()))
                .isEqualTo(0.001); // the deployment's input_cost_per_query, one search unit
        // whisper-1: 0.0001 per second, of the 13 s OpenAI bills (usage.seconds) for 12.5 s of audio
        assertThat(Double.parseDouble(transcriptionCost))
                .isCloseTo(13 * 0.0001, org.assertj.core.data.Offset.offset(1e-12));
        keyed.close();
    }

    @Test
    void a_virtual_key_is_held_to_its_models_and_its_budget() throws Exception {
        String key = newKey(
                new JsonObject().put("models", new JsonArray().add("dall-e-3")).put("max_budget", 0.03));
        gateway.upstream
                .on(MEDIA + OpenAiMediaWire.IMAGES_PATH)
                .replyAlways(OpenAiMediaWire.images("https://img/1.png"));
        OpenAIClient keyed = gateway.openAi(key);

        assertThatThrownBy(() -> keyed.moderations()
                        .create(ModerationCreateParams.builder()
                                .model("moderation")
                                .input("Hi")
                                .build()))
                .isInstanceOf(UnauthorizedException.class)
                .hasMessageContaining("moderation");
        assertThat(keyed.images().generate(image("dall-e-3")).data().orElseThrow())
                .hasSize(1);
        // The first image (0.04) spent the budget (0.03); its settlement reaches the cluster's ledger shortly.
        long deadline = System.nanoTime() + 5_000_000_000L;
        BadRequestException refused = null;
        while (refused == null && System.nanoTime() < deadline) {
            try {
                keyed.images().generate(image("dall-e-3"));
                Thread.sleep(50);
            } catch (BadRequestException overBudget) {
                refused = overBudget;
            }
        }
        assertThat(refused).as("a call refused for the spent budget").isNotNull();
        assertThat(refused.getMessage()).contains("Budget has been exceeded");
        keyed.close();
    }

    private static String newKey(JsonObject fields) throws Exception {
        HttpResponse<String> made = gateway.post("/key/generate", fields.encode(), "authorization", "Bearer " + MASTER);
        assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
        return new JsonObject(made.body()).getString("key");
    }
}
