package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.errors.BadRequestException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.gateway.keys.store.KeyStores;
import dev.junction.gateway.models.StoredModel;
import dev.junction.testkit.OpenAiWire;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two members of one cluster changing models through LiteLLM's model API. Every call is checked right after
 * the admin call returns, with no wait: the API answers only once each member serves the change.
 */
class RuntimeModelsIT {
    static final String MASTER = "sk-master-live";
    private static Path data;
    private static GatewayHarness a;
    private static GatewayHarness b;

    @BeforeAll
    static void start() throws Exception {
        String cluster = "junction-live-models-" + UUID.randomUUID();
        // One data directory: the embedded store is shared by the two nodes, as on one host.
        data = Files.createTempDirectory("live-models");
        a = GatewayHarness.start("/e2e/live-models.yaml", Map.of(), cluster, data);
        b = GatewayHarness.start("/e2e/live-models.yaml", Map.of(), cluster, data);
        a.upstream
                .on("/live/v1/chat/completions")
                .replyAlways(OpenAiWire.chat("gpt-4o").content("live!").answer());
        assertThat(a.node.cluster().memberCount()).isEqualTo(2);
    }

    @AfterAll
    static void stop() throws Exception {
        b.close();
        a.close();
    }

    static JsonObject admin(GatewayHarness node, String path, JsonObject body) throws Exception {
        HttpResponse<String> response = node.post(path, body.encode(), "authorization", "Bearer " + MASTER);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    static JsonObject entry(String modelName, String apiBase, String apiKey) {
        return new JsonObject()
                .put("model_name", modelName)
                .put(
                        "litellm_params",
                        new JsonObject()
                                .put("model", "openai/gpt-4o")
                                .put("api_base", apiBase)
                                .put("api_key", apiKey));
    }

    private JsonObject addLive(GatewayHarness on, String modelName, String apiKey) throws Exception {
        return admin(on, "/model/new", entry(modelName, a.upstream.baseUrl() + "/live/v1", apiKey));
    }

    static ChatCompletion chat(GatewayHarness node, String model) {
        OpenAIClient client = node.openAi(MASTER);
        return client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model(model)
                        .addUserMessage("Hello")
                        .build());
    }

    @Test
    void a_model_added_on_one_node_is_served_by_the_other_when_the_call_returns() throws Exception {
        String model = "live-" + UUID.randomUUID();
        JsonObject added = addLive(a, model, "sk-live-secret");

        JsonObject propagation = added.getJsonObject("propagation");
        assertThat(propagation.getBoolean("complete")).as(added.encode()).isTrue();
        assertThat(propagation.getJsonArray("confirmed"))
                .containsExactlyInAnyOrder(
                        a.node.cluster().nodeId(), b.node.cluster().nodeId());
        assertThat(chat(b, model).choices().get(0).message().content()).contains("live!");
        assertThat(a.upstream.lastRequest().header("authorization")).isEqualTo("Bearer sk-live-secret");
        assertThat(added.encode()).doesNotContain("sk-live-secret");
    }

    @Test
    void a_model_deleted_on_one_node_is_refused_by_the_other_when_the_call_returns() throws Exception {
        String model = "doomed-" + UUID.randomUUID();
        String id = addLive(a, model, "sk-live").getString("model_id");
        assertThat(chat(a, model).choices()).hasSize(1);

        JsonObject deleted = admin(b, "/model/delete", new JsonObject().put("id", id));

        assertThat(deleted.getString("message")).isEqualTo("Model: " + id + " deleted successfully");
        assertThat(deleted.getJsonObject("propagation").getBoolean("complete")).isTrue();
        assertThatThrownBy(() -> chat(a, model))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining(model);
    }

    @Test
    void an_update_on_one_node_changes_the_credentials_the_other_sends() throws Exception {
        String model = "rotated-" + UUID.randomUUID();
        String id = addLive(a, model, "sk-old").getString("model_id");

        admin(
                b,
                "/model/update",
                new JsonObject()
                        .put("model_info", new JsonObject().put("id", id))
                        .put("litellm_params", new JsonObject().put("api_key", "sk-new")));

        chat(a, model);
        assertThat(a.upstream.lastRequest().header("authorization")).isEqualTo("Bearer sk-new");
    }

    @Test
    void model_info_lists_run_time_models_as_db_models_without_their_credentials() throws Exception {
        String model = "listed-" + UUID.randomUUID();
        String id = addLive(a, model, "sk-listed-secret").getString("model_id");

        HttpResponse<String> info = b.get("/model/info", "authorization", "Bearer " + MASTER);

        assertThat(info.body()).doesNotContain("sk-listed-secret");
        JsonArray data = new JsonObject(info.body()).getJsonArray("data");
        JsonObject listed = find(data, id);
        assertThat(listed.getString("model_name")).isEqualTo(model);
        assertThat(listed.getJsonObject("model_info").getBoolean("db_model")).isTrue();
        assertThat(find(data, "fixed-1").getJsonObject("model_info").getBoolean("db_model"))
                .isFalse();
        HttpResponse<String> models = b.get("/v1/models", "authorization", "Bearer " + MASTER);
        assertThat(models.body()).contains("\"" + model + "\"");
    }

    private static JsonObject find(JsonArray data, String id) {
        for (int i = 0; i < data.size(); i++) {
            JsonObject entry = data.getJsonObject(i);
            if (id.equals(entry.getJsonObject("model_info").getString("id"))) {
                return entry;
            }
        }
        throw new AssertionError("no model " + id + " in " + data.encode());
    }

    @Test
    void credentials_are_stored_encrypted_as_litellm_encrypts_them() throws Exception {
        String id =
                addLive(a, "sealed-" + UUID.randomUUID(), "sk-sealed-secret").getString("model_id");

        List<StoredModel> stored;
        try (var store = KeyStores.openEmbedded(data)) {
            stored = store.models().listModels();
        }

        StoredModel model =
                stored.stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
        assertThat(model.litellmParams().encode()).doesNotContain("sk-sealed-secret");
        assertThat(model.litellmParams().getString("api_key")).startsWith("v2:gcm:");
    }

    @Test
    void the_config_file_wins_over_a_run_time_model_with_the_same_id() throws Exception {
        JsonObject clash = entry("fixed", a.upstream.baseUrl() + "/live/v1", "sk-live")
                .put("model_info", new JsonObject().put("id", "fixed-1"));

        JsonObject added = admin(a, "/model/new", clash);

        assertThat(added.getString("warning")).contains("config file");
        b.upstream
                .on("/fixed/v1/chat/completions")
                .reply(OpenAiWire.chat("gpt-4o").content("from config").answer());
        assertThat(chat(b, "fixed").choices().get(0).message().content()).contains("from config");
        admin(a, "/model/delete", new JsonObject().put("id", "fixed-1"));
    }

    @Test
    void an_invalid_entry_is_refused_with_the_config_files_message_and_changes_nothing() throws Exception {
        JsonObject noModel = new JsonObject()
                .put("model_name", "broken")
                .put("litellm_params", new JsonObject().put("api_key", "sk-x"));

        HttpResponse<String> response = a.post("/model/new", noModel.encode(), "authorization", "Bearer " + MASTER);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(response.body()).getJsonObject("error").getString("message"))
                .contains("model.litellm_params.model");
        assertThatThrownBy(() -> chat(b, "broken")).isInstanceOf(BadRequestException.class);
    }

    @Test
    void only_the_master_key_may_change_models() throws Exception {
        HttpResponse<String> response = a.post(
                "/model/delete", new JsonObject().put("id", "x").encode(), "authorization", "Bearer sk-not-admin");

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void deleting_a_model_that_is_not_stored_is_refused() throws Exception {
        HttpResponse<String> response = a.post(
                "/model/delete", new JsonObject().put("id", "fixed-1").encode(), "authorization", "Bearer " + MASTER);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Cannot edit config-based model fixed-1");
    }

    @Test
    void a_restarted_node_serves_the_models_the_cluster_kept() throws Exception {
        String model = "kept-" + UUID.randomUUID();
        addLive(a, model, "sk-kept");

        b.restart();

        assertThat(chat(b, model).choices().get(0).message().content()).contains("live!");
        HttpResponse<String> ready = b.get("/health/readiness");
        assertThat(new JsonObject(ready.body()).getLong("config_version"))
                .isEqualTo(new JsonObject(a.get("/health/readiness").body()).getLong("config_version"));
    }
}
