package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import dev.junction.gateway.keys.store.KeyStores;
import dev.junction.testkit.OpenAiWire;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Router settings changed at run time through LiteLLM's {@code POST /config/update} on two members of one cluster.
 * Every call is made right after the admin call returns, with no wait: it answers once each member serves the
 * change.
 */
class RuntimeConfigIT {
    private static final String CONFIG = "/e2e/runtime-config.yaml";
    private static String cluster;
    private static Path data;
    private static GatewayHarness a;
    private static GatewayHarness b;

    @BeforeAll
    static void start() throws Exception {
        cluster = "junction-runtime-config-" + UUID.randomUUID();
        data = Files.createTempDirectory("runtime-config");
        a = GatewayHarness.start(CONFIG, Map.of(), cluster, data);
        b = GatewayHarness.start(CONFIG, Map.of(), cluster, data);
        for (GatewayHarness node : new GatewayHarness[] {a, b}) {
            node.upstream.on("/fixed/v1/chat/completions").replyAlways(OpenAiWire.ok("from fixed"));
            node.upstream.on("/broken/v1/chat/completions").replyAlways(OpenAiWire.serverError());
        }
        assertThat(a.node.cluster().memberCount()).isEqualTo(2);
    }

    @AfterAll
    static void stop() throws Exception {
        b.close();
        a.close();
    }

    static HttpResponse<String> update(GatewayHarness node, JsonObject body) throws Exception {
        return node.post("/config/update", body.encode(), "authorization", "Bearer " + RuntimeModelsIT.MASTER);
    }

    private static JsonObject updated(GatewayHarness node, JsonObject routerSettings) throws Exception {
        HttpResponse<String> response = update(node, new JsonObject().put("router_settings", routerSettings));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject answer = new JsonObject(response.body());
        assertThat(answer.getString("message")).isEqualTo("Config updated successfully");
        JsonObject propagation = answer.getJsonObject("propagation");
        assertThat(propagation.getBoolean("complete")).as(answer.encode()).isTrue();
        assertThat(propagation.getJsonArray("confirmed"))
                .containsExactlyInAnyOrder(
                        a.node.cluster().nodeId(), b.node.cluster().nodeId());
        return answer;
    }

    private static String content(GatewayHarness node, String model) {
        return RuntimeModelsIT.chat(node, model)
                .choices()
                .get(0)
                .message()
                .content()
                .orElseThrow();
    }

    @Test
    void an_alias_set_on_one_node_is_served_by_the_other_when_the_call_returns() throws Exception {
        String alias = "nick-" + UUID.randomUUID();
        assertThatThrownBy(() -> content(b, alias)).isInstanceOf(BadRequestException.class);

        updated(a, new JsonObject().put("model_group_alias", new JsonObject().put(alias, "fixed")));

        assertThat(content(b, alias)).isEqualTo("from fixed");
        assertThat(content(a, alias)).isEqualTo("from fixed");
    }

    @Test
    void fallbacks_set_on_one_node_are_used_by_the_other_and_dropped_by_the_next_update() throws Exception {
        assertThatThrownBy(() -> content(a, "broken")).isInstanceOf(InternalServerException.class);

        updated(
                b,
                new JsonObject()
                        .put(
                                "fallbacks",
                                new JsonArray().add(new JsonObject().put("broken", new JsonArray().add("fixed")))));
        assertThat(content(a, "broken")).isEqualTo("from fixed");

        // router_settings are replaced whole, as LiteLLM stores them: without fallbacks there are none again.
        updated(a, new JsonObject().put("num_retries", 0));
        assertThatThrownBy(() -> content(b, "broken")).isInstanceOf(InternalServerException.class);
    }

    @Test
    void num_retries_set_at_run_time_makes_the_other_node_retry() throws Exception {
        b.upstream
                .on("/flaky/v1/chat/completions")
                .reply(OpenAiWire.serverError())
                .replyAlways(OpenAiWire.ok("second try"));
        assertThatThrownBy(() -> content(b, "flaky")).isInstanceOf(InternalServerException.class);
        b.upstream.on("/flaky/v1/chat/completions").reply(OpenAiWire.serverError());

        updated(a, new JsonObject().put("num_retries", 1));

        assertThat(content(b, "flaky")).isEqualTo("second try");
        updated(a, new JsonObject());
    }

    @Test
    void invalid_settings_are_refused_naming_the_key_and_change_nothing() throws Exception {
        long before = configVersion(b);
        assertRefused(
                new JsonObject().put("router_settings", new JsonObject().put("routing_strategy", "fastest")),
                "router_settings.routing_strategy");
        assertRefused(
                new JsonObject().put("router_settings", new JsonObject().put("num_retries", -1)),
                "router_settings.num_retries");
        assertRefused(
                new JsonObject().put("router_settings", new JsonObject().put("no_such_setting", 1)),
                "router_settings.no_such_setting");
        assertRefused(
                new JsonObject().put("router_settings", new JsonObject().put("rate_limit_accuracy", "strict")),
                "router_settings.rate_limit_accuracy");
        assertRefused(
                new JsonObject().put("litellm_settings", new JsonObject().put("success_callback", new JsonArray())),
                "litellm_settings.success_callback");
        assertRefused(
                new JsonObject().put("general_settings", new JsonObject().put("max_parallel_requests", 3)),
                "general_settings");
        assertThat(configVersion(a)).isEqualTo(before);
        assertThat(configVersion(b)).isEqualTo(before);
    }

    @Test
    void only_the_master_key_may_change_the_settings() throws Exception {
        long before = configVersion(a);
        String alias = "forbidden-" + UUID.randomUUID();
        String body = new JsonObject()
                .put("router_settings", new JsonObject().put("model_group_alias", new JsonObject().put(alias, "fixed")))
                .encode();
        HttpResponse<String> generated =
                a.post("/key/generate", new JsonObject().encode(), "authorization", "Bearer " + RuntimeModelsIT.MASTER);
        assertThat(generated.statusCode()).as(generated.body()).isEqualTo(200);
        String virtualKey = new JsonObject(generated.body()).getString("key");

        HttpResponse<String> anonymous = a.post("/config/update", body);
        HttpResponse<String> withKey = a.post("/config/update", body, "authorization", "Bearer " + virtualKey);

        assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
        assertThat(withKey.statusCode()).as(withKey.body()).isEqualTo(401);
        assertThat(withKey.body()).doesNotContain(virtualKey).doesNotContain(RuntimeModelsIT.MASTER);
        assertThat(configVersion(a)).isEqualTo(before);
        assertThat(configVersion(b)).isEqualTo(before);
        assertThatThrownBy(() -> content(b, alias)).isInstanceOf(BadRequestException.class);
    }

    private static void assertRefused(JsonObject body, String param) throws Exception {
        HttpResponse<String> response = update(a, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonObject error = new JsonObject(response.body()).getJsonObject("error");
        assertThat(error.getString("param")).isEqualTo(param);
        assertThat(error.getString("message")).contains(param);
    }

    private static long configVersion(GatewayHarness node) throws Exception {
        return new JsonObject(node.get("/health/readiness").body()).getLong("config_version");
    }

    @Test
    void the_settings_are_stored_and_a_node_that_joins_serves_them_before_it_opens() throws Exception {
        String alias = "joined-" + UUID.randomUUID();
        updated(b, new JsonObject().put("model_group_alias", new JsonObject().put(alias, "fixed")));
        try (var store = KeyStores.openEmbedded(data)) {
            assertThat(store.models().routerSettings().orElseThrow().encode()).contains(alias);
        }

        GatewayHarness c = GatewayHarness.start(CONFIG, Map.of(), cluster, data);
        try {
            c.upstream.on("/fixed/v1/chat/completions").replyAlways(OpenAiWire.ok("from fixed"));
            assertThat(configVersion(c)).isEqualTo(configVersion(a));
            assertThat(content(c, alias)).isEqualTo("from fixed");
        } finally {
            c.close();
            awaitTwoMembers();
        }
    }

    /** Until both members see the third one gone: the other tests expect two members to confirm. */
    private static void awaitTwoMembers() throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while ((a.node.cluster().memberCount() != 2 || b.node.cluster().memberCount() != 2)
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(a.node.cluster().memberIds()).hasSize(2);
        assertThat(b.node.cluster().memberIds()).hasSize(2);
    }

    @Test
    void the_first_node_of_a_new_cluster_serves_the_stored_settings_as_after_a_whole_cluster_restart()
            throws Exception {
        String alias = "restarted-" + UUID.randomUUID();
        updated(a, new JsonObject().put("model_group_alias", new JsonObject().put(alias, "fixed")));

        // Another cluster on the same store: it has no version yet, so its first member brings the store's in.
        GatewayHarness fresh = GatewayHarness.start(CONFIG, Map.of(), cluster + "-restarted", data);
        try {
            fresh.upstream.on("/fixed/v1/chat/completions").replyAlways(OpenAiWire.ok("from fixed"));
            assertThat(fresh.node.cluster().memberCount()).isEqualTo(1);
            assertThat(configVersion(fresh)).isEqualTo(configVersion(a));
            assertThat(content(fresh, alias)).isEqualTo("from fixed");
        } finally {
            fresh.close();
        }
    }
}
