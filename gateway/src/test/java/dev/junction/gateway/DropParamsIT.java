package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.errors.BadRequestException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.testkit.AnthropicWire;
import dev.junction.testkit.OpenAiWire;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OpenAI parameters a provider does not support, through a node and the official OpenAI SDK: refused with
 * LiteLLM's {@code UnsupportedParamsError} unless {@code drop_params} is set (request, deployment, or
 * gateway-wide on the second node), and {@code additional_drop_params} removed always.
 */
class DropParamsIT {
    private static GatewayHarness strict;
    private static GatewayHarness dropping;
    private static OpenAIClient client;
    private static OpenAIClient droppingClient;

    @BeforeAll
    static void start() throws Exception {
        strict = GatewayHarness.start(
                "/e2e/drop-params.yaml", Map.of("GLOBAL_DROP", "false"), "drop-strict-" + UUID.randomUUID(), null);
        dropping = GatewayHarness.start(
                "/e2e/drop-params.yaml", Map.of("GLOBAL_DROP", "true"), "drop-all-" + UUID.randomUUID(), null);
        client = strict.openAi("sk-master-drop");
        droppingClient = dropping.openAi("sk-master-drop");
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        droppingClient.close();
        strict.close();
        dropping.close();
    }

    @BeforeEach
    void resetUpstream() {
        strict.upstream.reset();
        dropping.upstream.reset();
    }

    private static ChatCompletionCreateParams.Builder chat(String model) {
        return ChatCompletionCreateParams.builder()
                .model(model)
                .addUserMessage("Say hello")
                .logitBias(ChatCompletionCreateParams.LogitBias.builder()
                        .putAdditionalProperty("50256", JsonValue.from(-100))
                        .build());
    }

    private static void claudeAnswers(GatewayHarness gateway, String path) {
        gateway.upstream
                .on(path + AnthropicWire.MESSAGES_PATH)
                .reply(AnthropicWire.message("claude-3-5-haiku-20241022")
                        .text("Bonjour")
                        .usage(5, 1)
                        .answer());
    }

    @Test
    void an_unsupported_parameter_is_a_400_naming_it_and_nothing_is_sent() {
        claudeAnswers(strict, "/anthropic");

        BadRequestException refused = catchThrowableOfType(
                BadRequestException.class,
                () -> client.chat().completions().create(chat("claude").build()));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.getMessage())
                .contains("litellm.UnsupportedParamsError: anthropic does not support parameters: ['logit_bias']")
                .contains("drop_params: true");
        assertThat(strict.upstream.requests("/anthropic" + AnthropicWire.MESSAGES_PATH))
                .isEmpty();
    }

    @Test
    void drop_params_in_the_request_drops_the_parameter_from_the_upstream_body() {
        claudeAnswers(strict, "/anthropic");

        ChatCompletion completion = client.chat()
                .completions()
                .create(chat("claude")
                        .putAdditionalBodyProperty("drop_params", JsonValue.from(true))
                        .build());

        assertThat(completion.choices().get(0).message().content()).contains("Bonjour");
        JsonObject sent = strict.upstream.lastRequest().bodyAsJson();
        assertThat(sent.fieldNames()).doesNotContain("logit_bias", "drop_params");
    }

    @Test
    void drop_params_on_the_deployment_drops_the_parameter() {
        claudeAnswers(strict, "/anthropic-dropping");

        ChatCompletion completion =
                client.chat().completions().create(chat("claude-dropping").build());

        assertThat(completion.choices().get(0).message().content()).contains("Bonjour");
        assertThat(strict.upstream.lastRequest().bodyAsJson().fieldNames()).doesNotContain("logit_bias");
    }

    @Test
    void drop_params_in_litellm_settings_drops_the_parameter_for_every_deployment() {
        claudeAnswers(dropping, "/anthropic");

        ChatCompletion completion =
                droppingClient.chat().completions().create(chat("claude").build());

        assertThat(completion.choices().get(0).message().content()).contains("Bonjour");
        assertThat(dropping.upstream.lastRequest().bodyAsJson().fieldNames()).doesNotContain("logit_bias");
    }

    @Test
    void openai_is_sent_every_parameter_but_those_in_additional_drop_params() {
        for (String path : new String[] {"/openai/v1/chat/completions", "/openai-trimmed/v1/chat/completions"}) {
            strict.upstream
                    .on(path)
                    .reply(OpenAiWire.chat("gpt-4o").content("hi").answer());
        }

        client.chat().completions().create(chat("gpt").seed(7).temperature(0.5).build());
        JsonObject passed = strict.upstream.lastRequest().bodyAsJson();
        client.chat()
                .completions()
                .create(chat("gpt-trimmed").seed(7).temperature(0.5).build());
        JsonObject trimmed = strict.upstream.lastRequest().bodyAsJson();

        assertThat(passed.fieldNames()).contains("logit_bias", "seed", "temperature");
        assertThat(trimmed.fieldNames()).doesNotContain("logit_bias", "seed").contains("temperature");
    }

    @Test
    void a_group_serves_the_parameter_from_a_deployment_that_supports_it() {
        claudeAnswers(strict, "/mixed-anthropic");
        strict.upstream
                .on("/mixed-openai/v1/chat/completions")
                .replyAlways(OpenAiWire.chat("gpt-4o").content("from openai").answer());

        for (int i = 0; i < 4; i++) {
            ChatCompletion completion =
                    client.chat().completions().create(chat("mixed").build());
            assertThat(completion.choices().get(0).message().content()).contains("from openai");
        }

        assertThat(strict.upstream.requests("/mixed-anthropic" + AnthropicWire.MESSAGES_PATH))
                .isEmpty();
    }
}
