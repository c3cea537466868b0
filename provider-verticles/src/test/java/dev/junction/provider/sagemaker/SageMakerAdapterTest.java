package dev.junction.provider.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.StreamDecoder;
import dev.junction.provider.StreamTranslator;
import dev.junction.provider.UpstreamRequest;
import dev.junction.provider.WireFixtures;
import dev.junction.provider.aws.AwsCredentialSources;
import dev.junction.testkit.EventStreamFrames;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SageMakerAdapterTest {
    private static final String BASE = "https://runtime.sagemaker.eu-west-1.amazonaws.com";
    private final SageMakerAdapter adapter = new SageMakerAdapter(new AwsCredentialSources(), Clock.systemUTC());

    private static ProviderCall call(String prefix, JsonObject body) {
        JsonObject params = new JsonObject().put("aws_region_name", "eu-west-1").put("model_id", "ic-mistral");
        return WireFixtures.call(
                Endpoint.CHAT_COMPLETIONS, body, WireFixtures.deployment(prefix, "tgi-endpoint", BASE, null, params));
    }

    private static JsonObject chat(boolean stream) {
        return new JsonObject()
                .put(
                        "messages",
                        new JsonArray()
                                .add(new JsonObject().put("role", "system").put("content", "Answer in one word."))
                                .add(new JsonObject().put("role", "user").put("content", "Capital of France?")))
                .put("max_tokens", 0)
                .put("n", 2)
                .put("stream", stream);
    }

    @Test
    void sagemaker_sends_tgi_inputs_and_parameters_to_the_endpoints_invocations() {
        UpstreamRequest request = adapter.toUpstream(call("sagemaker", chat(true)));

        assertThat(request.url()).isEqualTo(BASE + "/endpoints/tgi-endpoint/invocations-response-stream");
        assertThat(request.headers().get("X-Amzn-SageMaker-Inference-Component"))
                .isEqualTo("ic-mistral");
        assertThat(request.body().toJsonObject())
                .isEqualTo(new JsonObject()
                        .put("inputs", "Answer in one word. Capital of France?")
                        .put(
                                "parameters",
                                new JsonObject()
                                        .put("max_new_tokens", 1)
                                        .put("best_of", 2)
                                        .put("do_sample", true))
                        .put("stream", true));
    }

    @Test
    void sagemaker_chat_sends_the_openai_messages_as_they_are() {
        UpstreamRequest request = adapter.toUpstream(call("sagemaker_chat", chat(false)));

        assertThat(request.url()).isEqualTo(BASE + "/endpoints/tgi-endpoint/invocations");
        JsonObject body = request.body().toJsonObject();
        assertThat(body.getJsonArray("messages")).isEqualTo(chat(false).getJsonArray("messages"));
        assertThat(body.containsKey("aws_region_name")).isFalse();
    }

    @Test
    void an_exception_frame_in_a_tgi_stream_is_its_failure_and_the_translator_writes_no_error_of_its_own() {
        byte[] token = "data:{\"token\":{\"text\":\"Par\"}}\n\n".getBytes(StandardCharsets.UTF_8);
        Buffer frames = Buffer.buffer()
                .appendBuffer(EventStreamFrames.event("PayloadPart", token))
                .appendBuffer(EventStreamFrames.exception("ModelStreamError", "the model crashed"));
        ProviderCall call = call("sagemaker", chat(true));
        StreamTranslator translator = adapter.streamTranslator(call);
        List<String> out = new ArrayList<>();
        StreamDecoder decoder =
                adapter.streamDecoder(call, event -> translator.onEvent(event, f -> out.add(f.toString())));
        decoder.feed(frames);
        decoder.end();
        translator.onEnd(f -> out.add(f.toString()));

        assertThat(translator.failure()).hasValueSatisfying(failure -> assertThat(failure.getMessage())
                .contains("SagemakerException - the model crashed"));
        assertThat(String.join("", out))
                .as("the stream writes the one error event, redacted; the translator stops at the text so far")
                .contains("Par")
                .doesNotContain("\"error\"")
                .doesNotContain("[DONE]");
    }

    @Test
    void a_tgi_stream_cut_into_payload_parts_mid_character_becomes_chunks() {
        byte[] sse = WireFixtures.text("sagemaker/tgi-stream.sse").getBytes(StandardCharsets.UTF_8);
        Buffer frames = Buffer.buffer();
        for (int at = 0; at < sse.length; at += 33) {
            frames.appendBuffer(
                    EventStreamFrames.event("PayloadPart", Arrays.copyOfRange(sse, at, Math.min(sse.length, at + 33))));
        }
        ProviderCall call = call("sagemaker", chat(true));
        StreamTranslator translator = adapter.streamTranslator(call);
        List<String> out = new ArrayList<>();
        StreamDecoder decoder =
                adapter.streamDecoder(call, event -> translator.onEvent(event, f -> out.add(f.toString())));
        for (int at = 0; at < frames.length(); at += 10) {
            decoder.feed(frames.getBuffer(at, Math.min(frames.length(), at + 10)));
        }
        decoder.end();
        translator.onEnd(f -> out.add(f.toString()));

        StringBuilder text = new StringBuilder();
        out.stream()
                .filter(f -> f.contains("\"delta\""))
                .forEach(f -> text.append(new JsonObject(f.substring(6).strip())
                        .getJsonArray("choices")
                        .getJsonObject(0)
                        .getJsonObject("delta")
                        .getString("content", "")));
        assertThat(text.toString()).isEqualTo("Paris é");
        assertThat(String.join("", out)).contains("\"finish_reason\":\"stop\"").endsWith("data: [DONE]\n\n");
        assertThat(translator.streamedText()).isEqualTo("Paris é");
    }

    @Test
    void a_containers_validation_error_is_read_from_model_error_and_is_a_context_window_error() {
        GatewayException error = adapter.classify(
                424,
                MultiMap.caseInsensitiveMultiMap()
                        .add("x-amzn-ErrorType", "ModelError:http://internal.amazon.com/coral/com.amazon.sagemaker/"),
                WireFixtures.buffer("sagemaker/error.model-error.json"));

        assertThat(error.kind()).isEqualTo(ErrorKind.CONTEXT_WINDOW_EXCEEDED);
        assertThat(error.upstreamStatus()).isEqualTo(422);
        assertThat(error.getMessage())
                .startsWith("litellm.ContextWindowExceededError: SagemakerException - {\"error\":");
    }
}
