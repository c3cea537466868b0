package dev.junction.gateway;

import static dev.junction.gateway.RuntimeModelsIT.MASTER;
import static dev.junction.gateway.RuntimeModelsIT.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.testkit.OpenAiWire;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a model added through the model API brings besides its route: its {@code model_info.access_groups} open
 * it to keys listing those groups, and its {@code rpm}/{@code tpm} bound its calls, though the config file
 * (live-models.yaml) has neither. Changes are made on one member and checked on the other, with no wait.
 */
class RuntimeModelAccessIT {
    private static GatewayHarness a;
    private static GatewayHarness b;

    @BeforeAll
    static void start() throws Exception {
        String cluster = "junction-live-access-" + UUID.randomUUID();
        var data = Files.createTempDirectory("live-access");
        a = GatewayHarness.start("/e2e/live-models.yaml", Map.of(), cluster, data);
        b = GatewayHarness.start("/e2e/live-models.yaml", Map.of(), cluster, data);
        a.upstream
                .on("/live/v1/chat/completions")
                .replyAlways(OpenAiWire.chat("gpt-4o").content("live!").answer());
    }

    @AfterAll
    static void stop() throws Exception {
        b.close();
        a.close();
    }

    private static JsonObject add(String modelName, JsonObject modelInfo, JsonObject limits) throws Exception {
        JsonObject entry = RuntimeModelsIT.entry(modelName, a.upstream.baseUrl() + "/live/v1", "sk-live");
        entry.getJsonObject("litellm_params").mergeIn(limits);
        return admin(a, "/model/new", entry.put("model_info", modelInfo));
    }

    private static String keyFor(GatewayHarness node, String... models) throws Exception {
        JsonObject settings = new JsonObject().put("models", new JsonArray(java.util.List.of((Object[]) models)));
        return admin(node, "/key/generate", settings).getString("key");
    }

    private static ChatCompletion chat(GatewayHarness node, String key, String model, String prompt) {
        return node.openAi(key)
                .chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model(model)
                        .addUserMessage(prompt)
                        .build());
    }

    private static JsonArray accessGroupsSeenBy(GatewayHarness node) throws Exception {
        var listed = node.get("/models?only_model_access_groups=True", "authorization", "Bearer " + MASTER);
        return new JsonObject(listed.body()).getJsonArray("data");
    }

    @Test
    void a_key_listing_an_access_group_calls_a_model_added_into_it_and_loses_it_when_updated_out() throws Exception {
        String group = "group-" + UUID.randomUUID();
        String model = "grouped-" + UUID.randomUUID();
        String key = keyFor(b, group);
        String id = add(model, new JsonObject().put("access_groups", new JsonArray().add(group)), new JsonObject())
                .getString("model_id");

        assertThat(chat(b, key, model, "Hello").choices().get(0).message().content())
                .contains("live!");
        assertThat(accessGroupsSeenBy(b).encode()).contains(group);

        admin(
                b,
                "/model/update",
                new JsonObject()
                        .put("model_info", new JsonObject().put("id", id).put("access_groups", new JsonArray())));

        assertThatThrownBy(() -> chat(a, key, model, "Hello"))
                .isInstanceOf(UnauthorizedException.class)
                .hasMessageContaining("Tried to access " + model);
        assertThat(accessGroupsSeenBy(a).encode()).doesNotContain(group);
    }

    @Test
    void a_deleted_models_access_group_is_gone_on_the_other_node() throws Exception {
        String group = "doomed-group-" + UUID.randomUUID();
        String id = add(
                        "doomed-" + UUID.randomUUID(),
                        new JsonObject().put("access_groups", new JsonArray().add(group)),
                        new JsonObject())
                .getString("model_id");
        assertThat(accessGroupsSeenBy(b).encode()).contains(group);

        admin(b, "/model/delete", new JsonObject().put("id", id));

        assertThat(accessGroupsSeenBy(a).encode()).doesNotContain(group);
    }

    @Test
    void a_run_time_models_tpm_refuses_a_prompt_larger_than_it_before_the_call() throws Exception {
        String model = "tpm-" + UUID.randomUUID();
        add(model, new JsonObject(), new JsonObject().put("tpm", 20));
        MinuteWindows.awaitRoom(Duration.ofSeconds(15));
        int before = a.upstream.requests().size();

        assertThatThrownBy(() -> chat(b, MASTER, model, "word ".repeat(200))).isInstanceOf(RateLimitException.class);
        assertThat(a.upstream.requests()).hasSize(before);
        assertThat(chat(b, MASTER, model, "Hi").choices()).hasSize(1);
    }

    @Test
    void a_run_time_models_rpm_refuses_the_call_past_it() throws Exception {
        String model = "rpm-" + UUID.randomUUID();
        add(model, new JsonObject(), new JsonObject().put("rpm", 1));
        MinuteWindows.awaitRoom(Duration.ofSeconds(15));

        assertThat(chat(b, MASTER, model, "Hi").choices()).hasSize(1);
        assertThatThrownBy(() -> chat(b, MASTER, model, "Hi")).isInstanceOf(RateLimitException.class);
    }
}
