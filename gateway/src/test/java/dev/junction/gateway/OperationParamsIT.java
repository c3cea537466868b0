package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.errors.BadRequestException;
import com.openai.models.audio.speech.SpeechCreateParams;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.images.ImageGenerateParams;
import dev.junction.testkit.Answer;
import dev.junction.testkit.AnthropicWire;
import dev.junction.testkit.GeminiWire;
import dev.junction.testkit.OpenAiMediaWire;
import dev.junction.testkit.OpenAiWire;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * LiteLLM's rule for unsupported OpenAI parameters outside chat (embeddings, images, transcriptions: refused
 * with a 400 before anything is sent, dropped with {@code drop_params}), {@code additional_drop_params} on
 * speech, and {@code allowed_openai_params} letting a parameter through to a provider whose list lacks it. Each
 * test reads what reached the fake upstream.
 */
class OperationParamsIT {
    private static final String MASTER = "sk-master-params";
    private static final String GEMINI_BATCH = GeminiWire.path("text-embedding-004", "batchEmbedContents");

    private static GatewayHarness gateway;
    private static OpenAIClient client;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayHarness.start("/e2e/operation-params.yaml");
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
        gateway.upstream.on(GEMINI_BATCH).replyAlways(Answer.json(200, GeminiWire.batchEmbeddings(2, 8)));
        gateway.upstream
                .on("/openai" + OpenAiWire.EMBEDDINGS_PATH)
                .replyAlways(Answer.json(200, OpenAiWire.embeddings("text-embedding-ada-002", 1, 8)));
        gateway.upstream
                .on("/openai" + OpenAiMediaWire.IMAGES_PATH)
                .replyAlways(OpenAiMediaWire.images("https://img/otter.png"));
        gateway.upstream
                .on("/groq" + OpenAiMediaWire.TRANSCRIPTIONS_PATH)
                .replyAlways(OpenAiMediaWire.verboseTranscription("Hello there.", 2));
        gateway.upstream.on("/openai" + OpenAiMediaWire.SPEECH_PATH).replyAlways(OpenAiMediaWire.speech());
        for (String base : List.of("/anthropic", "/anthropic-allowing")) {
            gateway.upstream
                    .on(base + AnthropicWire.MESSAGES_PATH)
                    .replyAlways(AnthropicWire.message("claude-3-5-haiku-20241022")
                            .text("Bonjour")
                            .usage(5, 1)
                            .answer());
        }
    }

    private static EmbeddingCreateParams.Builder embedding(String model) {
        return EmbeddingCreateParams.builder().model(model).input("The cat sat");
    }

    /** Two inputs: Gemini embeds them with batchEmbedContents. */
    private static EmbeddingCreateParams.Builder geminiEmbedding() {
        return EmbeddingCreateParams.builder().model("gemini-embed").inputOfArrayOfStrings(List.of("The cat", "sat"));
    }

    private static BadRequestException refusal(Runnable call) {
        return catchThrowableOfType(BadRequestException.class, call::run);
    }

    @Test
    void gemini_embeddings_refuse_user_and_send_nothing_but_take_the_sdks_encoding_format() {
        BadRequestException refused = refusal(() -> client.embeddings()
                .create(geminiEmbedding()
                        .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT)
                        .user("alice")
                        .build()));

        assertThat(refused.getMessage())
                .contains("litellm.UnsupportedParamsError: gemini does not support parameters: ['user']");
        assertThat(gateway.upstream.requests(GEMINI_BATCH)).isEmpty();
    }

    @Test
    void drop_params_in_an_embedding_request_drops_what_gemini_lacks_and_keeps_dimensions() {
        client.embeddings()
                .create(geminiEmbedding()
                        .user("alice")
                        .dimensions(8)
                        .putAdditionalBodyProperty("drop_params", JsonValue.from(true))
                        .build());

        String sent = gateway.upstream.lastRequest().bodyAsString();
        assertThat(sent).doesNotContain("alice", "drop_params").contains("\"outputDimensionality\":8");
    }

    @Test
    void openai_embeddings_before_v3_refuse_dimensions_unless_the_request_allows_them() {
        BadRequestException refused = refusal(() ->
                client.embeddings().create(embedding("ada").dimensions(256).build()));
        assertThat(refused.getMessage()).contains("openai does not support parameters: ['dimensions']");
        assertThat(gateway.upstream.requests()).isEmpty();

        client.embeddings()
                .create(embedding("ada")
                        .dimensions(256)
                        .putAdditionalBodyProperty("allowed_openai_params", JsonValue.from(List.of("dimensions")))
                        .build());

        JsonObject sent = gateway.upstream.lastRequest().bodyAsJson();
        assertThat(sent.getInteger("dimensions")).isEqualTo(256);
        assertThat(sent.fieldNames()).doesNotContain("allowed_openai_params");
    }

    @Test
    void a_deployments_drop_params_drops_dimensions_from_an_embedding() {
        client.embeddings().create(embedding("ada-dropping").dimensions(256).build());

        JsonObject sent = gateway.upstream.lastRequest().bodyAsJson();
        assertThat(sent.fieldNames())
                .doesNotContain("dimensions", "drop_params")
                .contains("input");
    }

    @Test
    void dall_e_2_refuses_style_and_drop_params_drops_it() {
        ImageGenerateParams.Builder image = ImageGenerateParams.builder()
                .model("dall-e-2")
                .prompt("A cute baby sea otter")
                .size(ImageGenerateParams.Size._512X512)
                .style(ImageGenerateParams.Style.VIVID);

        BadRequestException refused = refusal(() -> client.images().generate(image.build()));
        assertThat(refused.getMessage()).contains("openai does not support parameters: ['style']");
        assertThat(gateway.upstream.requests()).isEmpty();

        client.images()
                .generate(image.putAdditionalBodyProperty("drop_params", JsonValue.from(true))
                        .build());
        JsonObject sent = gateway.upstream.lastRequest().bodyAsJson();
        assertThat(sent.fieldNames()).doesNotContain("style", "drop_params");
        assertThat(sent.getString("size")).isEqualTo("512x512");
    }

    private static HttpResponse<String> transcribe(String extraFields) throws Exception {
        String boundary = "----junction-params";
        String form = field(boundary, "model", "groq-whisper")
                + field(boundary, "response_format", "verbose_json")
                + field(boundary, "timestamp_granularities[]", "word")
                + extraFields.replace("BOUNDARY", boundary)
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\nRIFF....\r\n--" + boundary + "--\r\n";
        return gateway.post(
                "/v1/audio/transcriptions",
                form,
                "authorization",
                "Bearer " + MASTER,
                "content-type",
                "multipart/form-data; boundary=" + boundary);
    }

    private static String field(String boundary, String name, String value) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    @Test
    void groq_transcriptions_refuse_timestamp_granularities_and_drop_params_drops_them() throws Exception {
        HttpResponse<String> refused = transcribe("");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("groq does not support parameters: ['timestamp_granularities[]']");
        assertThat(gateway.upstream.requests()).isEmpty();

        HttpResponse<String> dropped = transcribe(field("BOUNDARY", "drop_params", "true"));

        assertThat(dropped.statusCode()).as(dropped.body()).isEqualTo(200);
        String form = gateway.upstream.lastRequest().body().toString(StandardCharsets.ISO_8859_1);
        assertThat(form)
                .doesNotContain("timestamp_granularities", "drop_params")
                .contains("name=\"response_format\"");
    }

    @Test
    void speech_goes_without_a_deployments_additional_drop_params() throws Exception {
        try (var audio = client.audio()
                .speech()
                .create(SpeechCreateParams.builder()
                        .model("tts")
                        .input("Hello there")
                        .voice(SpeechCreateParams.Voice.ALLOY)
                        .speed(1.5)
                        .build())) {
            assertThat(audio.body().readAllBytes()).isEqualTo(OpenAiMediaWire.MP3_BYTES);
        }

        JsonObject sent = gateway.upstream.lastRequest().bodyAsJson();
        assertThat(sent.fieldNames()).doesNotContain("speed").contains("voice", "input");
    }

    private static ChatCompletionCreateParams.Builder chatWithLogitBias(String model) {
        return ChatCompletionCreateParams.builder()
                .model(model)
                .addUserMessage("Say hello")
                .logitBias(ChatCompletionCreateParams.LogitBias.builder()
                        .putAdditionalProperty("50256", JsonValue.from(-100))
                        .build());
    }

    @Test
    void allowed_openai_params_in_the_request_send_a_parameter_anthropic_does_not_translate() {
        client.chat()
                .completions()
                .create(chatWithLogitBias("claude")
                        .putAdditionalBodyProperty("allowed_openai_params", JsonValue.from(List.of("logit_bias")))
                        .build());

        JsonObject sent = gateway.upstream.lastRequest().bodyAsJson();
        assertThat(sent.getJsonObject("logit_bias").getInteger("50256")).isEqualTo(-100);
        assertThat(sent.fieldNames()).doesNotContain("allowed_openai_params").contains("messages", "max_tokens");
    }

    @Test
    void a_deployments_allowed_openai_params_send_the_parameter_and_are_not_sent_themselves() {
        client.chat().completions().create(chatWithLogitBias("claude-allowing").build());

        JsonObject sent = gateway.upstream.lastRequest().bodyAsJson();
        assertThat(sent.fieldNames()).contains("logit_bias").doesNotContain("allowed_openai_params");
    }
}
