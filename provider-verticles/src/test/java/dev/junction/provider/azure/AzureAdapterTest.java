package dev.junction.provider.azure;

import static dev.junction.provider.WireFixtures.AZURE_KEY;
import static dev.junction.provider.WireFixtures.azure;
import static dev.junction.provider.WireFixtures.buffer;
import static dev.junction.provider.WireFixtures.call;
import static dev.junction.provider.WireFixtures.dataFrames;
import static dev.junction.provider.WireFixtures.json;
import static dev.junction.provider.WireFixtures.text;
import static dev.junction.provider.WireFixtures.translate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.ProviderFamily;
import dev.junction.provider.StreamTranslator;
import dev.junction.provider.UpstreamRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AzureAdapterTest {
    private static final String BASE = "https://my-resource.openai.azure.com/openai/deployments/";
    private final AzureAdapter adapter = new AzureAdapter();

    @Test
    void names_itself_azure() {
        assertThat(adapter.family()).isEqualTo(ProviderFamily.AZURE);
        assertThat(adapter.errorLabel()).isEqualTo("AzureException");
    }

    @ParameterizedTest
    @CsvSource({
        "CHAT_COMPLETIONS, azure/chat.request.json, chat/completions",
        "COMPLETIONS, openai/completion.request.json, completions",
        "EMBEDDINGS, openai/embeddings.request.json, embeddings"
    })
    void the_deployment_and_operation_are_in_the_path_and_the_default_api_version_in_the_query(
            Endpoint endpoint, String request, String operation) {
        UpstreamRequest upstream =
                adapter.toUpstream(call(endpoint, buffer(request), azure("gpt-4o-eu", new JsonObject())));

        assertThat(upstream.url()).isEqualTo(BASE + "gpt-4o-eu/" + operation + "?api-version=2024-10-21");
    }

    @Test
    void a_configured_api_version_is_used() {
        JsonObject params = new JsonObject().put("api_version", "2025-01-01-preview");

        UpstreamRequest upstream = adapter.toUpstream(
                call(Endpoint.CHAT_COMPLETIONS, buffer("azure/chat.request.json"), azure("o4-mini", params)));

        assertThat(upstream.url()).isEqualTo(BASE + "o4-mini/chat/completions?api-version=2025-01-01-preview");
    }

    @Test
    void the_key_goes_in_the_api_key_header_and_no_bearer_is_sent() {
        UpstreamRequest upstream = adapter.toUpstream(
                call(Endpoint.CHAT_COMPLETIONS, buffer("azure/chat.request.json"), azure("o4-mini", new JsonObject())));

        assertThat(upstream.headers().get("api-key")).isEqualTo(AZURE_KEY);
        assertThat(upstream.headers().contains("authorization")).isFalse();
    }

    @Test
    void an_entra_id_token_goes_as_a_bearer_instead_of_the_key() {
        JsonObject params = new JsonObject().put("azure_ad_token", "eyJ0eXAiOiJKV1QiLCJhbGciOi");

        UpstreamRequest upstream = adapter.toUpstream(
                call(Endpoint.CHAT_COMPLETIONS, buffer("azure/chat.request.json"), azure("o4-mini", params)));

        assertThat(upstream.headers().get("authorization")).isEqualTo("Bearer eyJ0eXAiOiJKV1QiLCJhbGciOi");
        assertThat(upstream.headers().contains("api-key")).isFalse();
        assertThat(upstream.body().toString()).doesNotContain("eyJ0eXAiOiJKV1QiLCJhbGciOi");
    }

    @Test
    void extra_headers_are_sent() {
        JsonObject params = new JsonObject().put("extra_headers", new JsonObject().put("x-ms-client-request-id", "r1"));

        UpstreamRequest upstream = adapter.toUpstream(
                call(Endpoint.CHAT_COMPLETIONS, buffer("azure/chat.request.json"), azure("o4-mini", params)));

        assertThat(upstream.headers().get("x-ms-client-request-id")).isEqualTo("r1");
    }

    @Test
    void the_body_keeps_the_openai_parameters_drops_gateway_fields_and_adds_defaults() {
        JsonObject request = json("azure/chat.request.json")
                .put("model", "my-model")
                .put("response_format", new JsonObject().put("type", "json_object"))
                .put("mock_testing_fallbacks", false)
                .put("metadata", new JsonObject().put("team", "a"));
        JsonObject params = new JsonObject()
                .put("api_version", "2024-10-21")
                .put("azure_ad_token", "t")
                .put("seed", 3)
                .put("max_completion_tokens", 10);

        JsonObject sent = adapter.toUpstream(call(Endpoint.CHAT_COMPLETIONS, request, azure("o4-mini", params)))
                .body()
                .toJsonObject();

        assertThat(sent.fieldNames())
                .containsExactlyInAnyOrder("messages", "model", "max_completion_tokens", "response_format", "seed");
        assertThat(sent.getString("model")).isEqualTo("o4-mini");
        assertThat(sent.getInteger("max_completion_tokens")).isEqualTo(4000);
        assertThat(sent.getInteger("seed")).isEqualTo(3);
        assertThat(sent.getJsonObject("response_format")).isEqualTo(new JsonObject().put("type", "json_object"));
    }

    @Test
    void a_recorded_answer_passes_byte_for_byte_with_usage_and_finish_reason() {
        ProviderCall call =
                call(Endpoint.CHAT_COMPLETIONS, buffer("azure/chat.request.json"), azure("o4-mini", new JsonObject()));

        ProviderReply.Complete reply = adapter.fromUpstream(call, buffer("azure/chat.response.json"));

        assertThat(reply.body().getBytes())
                .isEqualTo(buffer("azure/chat.response.json").getBytes());
        assertThat(reply.usage()).isEqualTo(new Usage(19, 85, 104));
        assertThat(reply.finishReason()).isEqualTo("stop");
    }

    @Test
    void a_non_json_answer_is_a_bad_gateway_named_after_azure() {
        ProviderCall call =
                call(Endpoint.CHAT_COMPLETIONS, buffer("azure/chat.request.json"), azure("o4-mini", new JsonObject()));

        GatewayException failure = catchThrowableOfType(
                () -> adapter.fromUpstream(call, Buffer.buffer("<html>Service Unavailable</html>")),
                GatewayException.class);

        assertThat(failure.kind()).isEqualTo(ErrorKind.BAD_GATEWAY);
        assertThat(failure.getMessage()).startsWith("litellm.BadGatewayError: AzureException - ");
    }

    @Test
    void a_recorded_stream_passes_through_with_its_usage() {
        ProviderCall call = call(
                Endpoint.CHAT_COMPLETIONS,
                buffer("azure/stream-include-usage.request.json"),
                azure("o4-mini", new JsonObject()));
        StreamTranslator translator = adapter.streamTranslator(call);
        String sse = text("azure/stream-include-usage.response.sse");

        List<String> frames = translate(translator, sse, 1);

        assertThat(frames).containsExactlyElementsOf(dataFrames(sse));
        assertThat(translator.usage()).isEqualTo(new Usage(19, 149, 168));
    }
}
