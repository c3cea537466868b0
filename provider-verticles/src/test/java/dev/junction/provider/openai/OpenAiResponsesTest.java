package dev.junction.provider.openai;

import static dev.junction.provider.WireFixtures.buffer;
import static dev.junction.provider.WireFixtures.call;
import static dev.junction.provider.WireFixtures.openAi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link OpenAiAdapter#fromUpstream}: the body passes on as it came, only usage and finish reason are read. */
class OpenAiResponsesTest {
    private final OpenAiAdapter adapter = new OpenAiAdapter();
    private final ProviderCall call = call(
            Endpoint.CHAT_COMPLETIONS, buffer("openai/chat.request.json"), openAi("gpt-4o-mini", new JsonObject()));

    @ParameterizedTest
    @CsvSource(
            nullValues = "null",
            value = {
                "openai/chat.response.json, 20, 2, 22, stop",
                "openai/tool-call.response.json, 61, 16, 77, tool_calls",
                "openai/completion.response.json, 5, 7, 12, length",
                "openai/embeddings.response.json, 8, 0, 8, null",
                "azure/chat.response.json, 19, 85, 104, stop"
            })
    void a_recorded_body_passes_byte_for_byte_with_its_usage_and_finish_reason(
            String fixture, long prompt, long completion, long total, String finishReason) {
        Buffer body = buffer(fixture);

        ProviderReply.Complete reply = adapter.fromUpstream(call, body);

        assertThat(reply.body().getBytes()).isEqualTo(buffer(fixture).getBytes());
        assertThat(reply.usage()).isEqualTo(new Usage(prompt, completion, total));
        assertThat(reply.finishReason()).isEqualTo(finishReason);
    }

    @Test
    void a_body_without_usage_reports_none() {
        Buffer body = Buffer.buffer("{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[]}");

        ProviderReply.Complete reply = adapter.fromUpstream(call, body);

        assertThat(reply.usage()).isEqualTo(Usage.NONE);
        assertThat(reply.finishReason()).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<html><body><h1>502 Bad Gateway</h1></body></html>",
                "",
                "   ",
                "[1, 2, 3]",
                "\"ok\"",
                "{\"id\": \"chatcmpl-1\", \"choices\": [",
                "{\"choices\": [{\"finish_reason\": \"stop\"}]} trailing",
                "{\"choices\": [{\"finish_reason\": \"stop\"}]}{}",
                "{\"usage\": {\"prompt_tokens\": 1,}}",
            })
    void a_body_that_is_not_a_json_object_is_a_bad_gateway(String body) {
        GatewayException failure =
                catchThrowableOfType(() -> adapter.fromUpstream(call, Buffer.buffer(body)), GatewayException.class);

        assertThat(failure).isNotNull();
        assertThat(failure.kind()).isEqualTo(ErrorKind.BAD_GATEWAY);
        assertThat(failure.getMessage()).startsWith("litellm.BadGatewayError: OpenAIException - ");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"choices\":\"none\",\"usage\":\"n/a\"}",
                "{\"choices\":[{\"finish_reason\":1}],\"usage\":{\"prompt_tokens\":\"ten\"}}",
                "{\"choices\":[\"stop\"],\"usage\":[]}"
            })
    void a_malformed_usage_or_choices_field_does_not_fail_the_call(String json) {
        Buffer body = Buffer.buffer(json);

        ProviderReply.Complete reply = adapter.fromUpstream(call, body);

        assertThat(reply.usage()).isEqualTo(Usage.NONE);
        assertThat(reply.finishReason()).isNull();
    }

    @Test
    void only_the_first_choice_and_the_last_of_a_repeated_field_count_as_in_a_parsed_object() {
        Buffer body = Buffer.buffer("{\"usage\":{\"prompt_tokens\":1},\"choices\":[{\"message\":{\"content\":[1,{}]},"
                + "\"finish_reason\":\"length\"},{\"finish_reason\":\"stop\"}],\"x\":[[{}]],"
                + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4,\"nested\":{\"a\":[1]}}}");

        ProviderReply.Complete reply = adapter.fromUpstream(call, body);

        assertThat(reply.usage()).isEqualTo(new Usage(3, 4, 7));
        assertThat(reply.finishReason()).isEqualTo("length");
    }
}
