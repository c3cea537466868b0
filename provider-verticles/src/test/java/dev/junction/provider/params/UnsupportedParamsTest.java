package dev.junction.provider.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Deployment;
import dev.junction.config.Secret;
import dev.junction.provider.WireFixtures;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnsupportedParamsTest {
    private static final Optional<Set<String>> TEMPERATURE_ONLY = Optional.of(Set.of("temperature"));

    private static Deployment anthropic(JsonObject litellmParams) {
        return WireFixtures.deployment(
                "anthropic", "claude-3-5-haiku", "https://api.anthropic.com", Secret.of("sk-ant-x"), litellmParams);
    }

    private static ProviderCall chat(JsonObject extra, Deployment deployment) {
        JsonObject body = new JsonObject()
                .put("model", "my-model")
                .put("messages", new io.vertx.core.json.JsonArray().add(new JsonObject().put("role", "user")))
                .mergeIn(extra);
        return WireFixtures.call(Endpoint.CHAT_COMPLETIONS, body, deployment);
    }

    @Test
    void an_unsupported_parameter_is_refused_naming_the_provider_the_parameter_and_how_to_drop_it() {
        ProviderCall call =
                chat(new JsonObject().put("logit_bias", new JsonObject()).put("seed", 7), anthropic(null));

        assertThatThrownBy(() -> UnsupportedParams.apply(call, TEMPERATURE_ONLY))
                .isInstanceOfSatisfying(GatewayException.class, error -> {
                    assertThat(error.kind()).isEqualTo(ErrorKind.UNSUPPORTED_BY_DEPLOYMENT);
                    assertThat(error.kind().httpStatus()).isEqualTo(400);
                    assertThat(error.param()).contains("logit_bias");
                    assertThat(error.getMessage())
                            .startsWith("litellm.UnsupportedParamsError: anthropic does not support parameters: "
                                    + "['logit_bias', 'seed'], for model=claude-3-5-haiku.")
                            .contains("drop_params: true");
                });
    }

    @Test
    void supported_parameters_and_those_clients_send_by_default_pass_untouched() {
        JsonObject extra = new JsonObject()
                .put("temperature", 0.2)
                .put("user", "u-1")
                .put("stream_options", new JsonObject())
                .put("max_retries", 2)
                .put("n", 1)
                .put("seed", null)
                .put("top_k", 5);
        ProviderCall call = chat(extra, anthropic(null));

        assertThat(UnsupportedParams.apply(call, TEMPERATURE_ONLY)).isSameAs(call);
    }

    @Test
    void n_above_one_is_checked() {
        ProviderCall call = chat(new JsonObject().put("n", 2), anthropic(null));

        assertThatThrownBy(() -> UnsupportedParams.apply(call, TEMPERATURE_ONLY))
                .hasMessageContaining("['n']");
    }

    @Test
    void drop_params_in_the_request_drops_them_and_forgets_the_raw_bytes() {
        ProviderCall call =
                chat(new JsonObject().put("logit_bias", new JsonObject()).put("drop_params", true), anthropic(null));

        ProviderCall kept = UnsupportedParams.apply(call, TEMPERATURE_ONLY);

        assertThat(kept.request().body().containsKey("logit_bias")).isFalse();
        assertThat(kept.request().body().getJsonArray("messages"))
                .isEqualTo(call.request().body().getJsonArray("messages"));
        assertThat(kept.request().rawBody()).isNull();
        assertThat(call.request().body().containsKey("logit_bias")).isTrue();
    }

    @Test
    void drop_params_on_the_deployment_or_gateway_wide_drops_them_too() {
        JsonObject extra = new JsonObject().put("presence_penalty", 0.5);
        ProviderCall onDeployment = chat(extra, anthropic(new JsonObject().put("drop_params", "True")));
        ProviderCall plain = chat(extra, anthropic(null));
        ProviderCall gatewayWide = new ProviderCall(plain.request(), plain.deployment(), Duration.ofSeconds(5), true);

        for (ProviderCall call : new ProviderCall[] {onDeployment, gatewayWide}) {
            assertThat(UnsupportedParams.apply(call, TEMPERATURE_ONLY)
                            .request()
                            .body()
                            .containsKey("presence_penalty"))
                    .isFalse();
        }
    }

    @Test
    void a_deployment_default_the_provider_lacks_is_checked_and_dropped_from_the_defaults() {
        Deployment deployment = anthropic(new JsonObject().put("frequency_penalty", 0.1));
        ProviderCall call = chat(new JsonObject(), deployment);

        assertThatThrownBy(() -> UnsupportedParams.apply(call, TEMPERATURE_ONLY))
                .hasMessageContaining("['frequency_penalty']");
        ProviderCall dropping = new ProviderCall(call.request(), deployment, call.timeout(), true);
        ProviderCall kept = UnsupportedParams.apply(dropping, TEMPERATURE_ONLY);
        assertThat(kept.deployment().defaultCallParams().containsKey("frequency_penalty"))
                .isFalse();
        assertThat(deployment.litellmParams().containsKey("frequency_penalty")).isTrue();
    }

    @Test
    void additional_drop_params_are_removed_for_every_provider_even_supported_ones() {
        Deployment openAi = WireFixtures.openAi(
                "gpt-4o",
                new JsonObject()
                        .put(
                                "additional_drop_params",
                                new io.vertx.core.json.JsonArray()
                                        .add("logit_bias")
                                        .add("temperature")));
        ProviderCall call =
                chat(new JsonObject().put("logit_bias", new JsonObject()).put("temperature", 1), openAi);

        ProviderCall kept = UnsupportedParams.apply(call, Optional.empty());

        assertThat(kept.request().body().fieldNames()).containsExactlyInAnyOrder("model", "messages");
    }

    @Test
    void additional_drop_params_in_the_request_spare_a_refusal() {
        JsonObject extra = new JsonObject()
                .put("logit_bias", new JsonObject())
                .put("additional_drop_params", new io.vertx.core.json.JsonArray().add("logit_bias"));

        ProviderCall kept = UnsupportedParams.apply(chat(extra, anthropic(null)), TEMPERATURE_ONLY);

        assertThat(kept.request().body().containsKey("logit_bias")).isFalse();
    }

    @Test
    void a_provider_taking_openai_format_is_sent_every_parameter() {
        ProviderCall call =
                chat(new JsonObject().put("logit_bias", new JsonObject()), WireFixtures.openAi("gpt-4o", null));

        assertThat(UnsupportedParams.apply(call, Optional.empty())).isSameAs(call);
    }

    @Test
    void embeddings_are_checked_against_their_own_parameters_only() {
        JsonObject body = new JsonObject().put("model", "m").put("input", "hi").put("seed", 1);
        ProviderCall plain = WireFixtures.call(Endpoint.EMBEDDINGS, body, anthropic(null));
        ProviderCall encoded = WireFixtures.call(
                Endpoint.EMBEDDINGS,
                body.copy().put("encoding_format", "base64").put("user", "alice"),
                anthropic(null));

        assertThat(UnsupportedParams.apply(plain, Optional.of(OpenAiParams.DIMENSIONS_ONLY)))
                .isSameAs(plain);
        assertThatThrownBy(() -> UnsupportedParams.apply(encoded, Optional.of(OpenAiParams.DIMENSIONS_ONLY)))
                .hasMessageContaining("does not support parameters: ['user']");
    }

    @Test
    void an_upload_field_of_a_list_is_checked_by_its_name_without_brackets() {
        JsonObject form = new JsonObject().put("model", "m").put("timestamp_granularities[]", "word");
        ProviderCall call = WireFixtures.call(Endpoint.AUDIO_TRANSCRIPTIONS, form, anthropic(null));

        assertThatThrownBy(() -> UnsupportedParams.apply(call, Optional.of(Set.of("language"))))
                .hasMessageContaining("['timestamp_granularities[]']");
        ProviderCall dropping =
                WireFixtures.call(Endpoint.AUDIO_TRANSCRIPTIONS, form.copy().put("drop_params", true), anthropic(null));
        assertThat(UnsupportedParams.apply(dropping, Optional.of(Set.of("language")))
                        .request()
                        .body()
                        .fieldNames())
                .doesNotContain("timestamp_granularities[]");
    }

    @Test
    void allowed_openai_params_of_the_request_or_the_deployment_are_neither_refused_nor_dropped() {
        JsonObject bias = new JsonObject().put("logit_bias", new JsonObject().put("1", 2));
        ProviderCall asked = chat(
                bias.copy().put("allowed_openai_params", new io.vertx.core.json.JsonArray().add("logit_bias")),
                anthropic(null));
        ProviderCall configured = chat(
                bias.copy().put("drop_params", true),
                anthropic(new JsonObject()
                        .put("allowed_openai_params", new io.vertx.core.json.JsonArray().add("logit_bias"))));

        assertThat(UnsupportedParams.apply(asked, TEMPERATURE_ONLY)).isSameAs(asked);
        assertThat(UnsupportedParams.apply(configured, TEMPERATURE_ONLY)
                        .request()
                        .body()
                        .containsKey("logit_bias"))
                .isTrue();
    }
}
