package dev.junction.provider.params;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.ProviderCall;
import dev.junction.config.Secret;
import dev.junction.provider.UpstreamRequest;
import dev.junction.provider.WireFixtures;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AllowedParamsTest {
    private static final Optional<Set<String>> TEMPERATURE_ONLY = Optional.of(Set.of("temperature"));

    private static ProviderCall call(JsonObject body, JsonObject litellmParams) {
        return WireFixtures.call(
                Endpoint.CHAT_COMPLETIONS,
                body.put("model", "m"),
                WireFixtures.deployment(
                        "anthropic", "claude", "https://api.anthropic.com", Secret.of("sk-ant-x"), litellmParams));
    }

    private static UpstreamRequest translated(JsonObject body) {
        return new UpstreamRequest(
                "https://api.anthropic.com/v1/messages", MultiMap.caseInsensitiveMultiMap(), body.toBuffer());
    }

    @Test
    void an_allowed_parameter_the_translation_left_out_is_added_as_the_request_sent_it() {
        ProviderCall call = call(
                new JsonObject()
                        .put("logit_bias", new JsonObject().put("7", -100))
                        .put("allowed_openai_params", new JsonArray().add("logit_bias")),
                null);

        UpstreamRequest carried =
                AllowedParams.carry(translated(new JsonObject().put("max_tokens", 10)), call, TEMPERATURE_ONLY);

        assertThat(carried.body().toJsonObject())
                .isEqualTo(new JsonObject().put("max_tokens", 10).put("logit_bias", new JsonObject().put("7", -100)));
    }

    @Test
    void nothing_changes_without_a_list_a_value_or_a_json_body() {
        JsonObject bias = new JsonObject().put("logit_bias", new JsonObject());
        ProviderCall allowedByDeployment =
                call(bias.copy(), new JsonObject().put("allowed_openai_params", new JsonArray().add("logit_bias")));
        ProviderCall notSet =
                call(new JsonObject().put("allowed_openai_params", new JsonArray().add("logit_bias")), null);
        UpstreamRequest json = translated(new JsonObject());
        UpstreamRequest form =
                new UpstreamRequest("https://x/audio", MultiMap.caseInsensitiveMultiMap(), Buffer.buffer("--b\r\n"));

        assertThat(AllowedParams.carry(json, allowedByDeployment, Optional.empty()))
                .isSameAs(json);
        assertThat(AllowedParams.carry(json, notSet, TEMPERATURE_ONLY)).isSameAs(json);
        assertThat(AllowedParams.carry(form, allowedByDeployment, TEMPERATURE_ONLY))
                .isSameAs(form);
        assertThat(AllowedParams.carry(json, allowedByDeployment, TEMPERATURE_ONLY)
                        .body()
                        .toJsonObject()
                        .fieldNames())
                .contains("logit_bias");
    }
}
