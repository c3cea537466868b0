package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.testkit.OpenAiWire;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Admin changes to keys and teams on a two-node cluster whose nodes cache keys for ten minutes ({@code
 * user_api_key_cache_ttl: 600}): each change is in force on the other node as soon as its admin call answers,
 * checked with no wait. The cluster map's events reach each node late here (another listener on the same maps
 * takes 50 ms per event, as a busy or paused node would), so a node that learnt changes from the events alone
 * would still serve the old entry.
 */
class KeyChangesIT {
    private static final String MASTER = "sk-master-keys";
    private static final int ROUNDS = 5;
    private static GatewayHarness a;
    private static GatewayHarness b;

    @BeforeAll
    static void start() throws Exception {
        String cluster = "junction-key-changes-" + UUID.randomUUID();
        var data = Files.createTempDirectory("key-changes");
        a = GatewayHarness.start("/e2e/keys-cache-ttl.yaml", Map.of(), cluster, data);
        b = GatewayHarness.start("/e2e/keys-cache-ttl.yaml", Map.of(), cluster, data);
        for (GatewayHarness node : new GatewayHarness[] {a, b}) {
            node.upstream.on("/cheap/v1/chat/completions").replyAlways(OpenAiWire.ok("served"));
        }
        assertThat(a.node.cluster().memberCount()).isEqualTo(2);
        slowEventsOn(a);
        slowEventsOn(b);
    }

    private static void slowEventsOn(GatewayHarness node) {
        HazelcastInstance hazelcast =
                ((HazelcastClusterManager) ((VertxInternal) node.node.vertx()).clusterManager()).getHazelcastInstance();
        for (String map : List.of("junction.keys", "junction.teams")) {
            hazelcast.getMap(map).addEntryListener(new SlowListener(), false);
        }
    }

    /** Holds the event thread of the entry's stripe, which the node's own listener shares. */
    private static final class SlowListener
            implements EntryAddedListener<Object, Object>, EntryUpdatedListener<Object, Object> {
        @Override
        public void entryAdded(EntryEvent<Object, Object> event) {
            pause();
        }

        @Override
        public void entryUpdated(EntryEvent<Object, Object> event) {
            pause();
        }

        private static void pause() {
            try {
                Thread.sleep(50);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        b.close();
        a.close();
    }

    private static JsonObject admin(GatewayHarness node, String path, JsonObject body) throws Exception {
        HttpResponse<String> response = node.post(path, body.encode(), "authorization", "Bearer " + MASTER);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    private static String chat(GatewayHarness node, String key) {
        return node.openAi(key)
                .chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("cheap")
                        .addUserMessage("Hello")
                        .build())
                .choices()
                .get(0)
                .message()
                .content()
                .orElseThrow();
    }

    private static void refused(GatewayHarness node, String key, String why) {
        assertThatThrownBy(() -> chat(node, key))
                .isInstanceOf(OpenAIServiceException.class)
                .satisfies(error -> assertThat(((OpenAIServiceException) error).statusCode())
                        .isEqualTo(401))
                .hasMessageContaining(why);
    }

    @Test
    void a_key_blocked_on_one_node_is_refused_by_the_other_when_the_call_answers() throws Exception {
        String key = admin(a, "/key/generate", new JsonObject()).getString("key");
        assertThat(chat(b, key)).isEqualTo("served");
        for (int round = 0; round < ROUNDS; round++) {
            admin(a, "/key/block", new JsonObject().put("key", key));
            refused(b, key, "blocked");
            admin(b, "/key/unblock", new JsonObject().put("key", key));
            assertThat(chat(a, key)).isEqualTo("served");
        }
    }

    @Test
    void a_team_blocked_on_one_node_refuses_its_keys_on_the_other_when_the_call_answers() throws Exception {
        String team = admin(a, "/team/new", new JsonObject()).getString("team_id");
        String key =
                admin(a, "/key/generate", new JsonObject().put("team_id", team)).getString("key");
        assertThat(chat(b, key)).isEqualTo("served");
        for (int round = 0; round < ROUNDS; round++) {
            admin(b, "/team/block", new JsonObject().put("team_id", team));
            refused(a, key, "blocked");
            admin(a, "/team/unblock", new JsonObject().put("team_id", team));
            assertThat(chat(b, key)).isEqualTo("served");
        }
    }

    @Test
    void a_key_deleted_or_restricted_on_one_node_is_in_force_on_the_other_when_the_call_answers() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String key = admin(b, "/key/generate", new JsonObject()).getString("key");
            assertThat(chat(a, key)).isEqualTo("served");

            admin(b, "/key/update", new JsonObject().put("key", key).put("models", new JsonArray().add("other")));
            assertThatThrownBy(() -> chat(a, key)).isInstanceOf(OpenAIServiceException.class);

            admin(a, "/key/delete", new JsonObject().put("keys", new JsonArray().add(key)));
            refused(b, key, "");
        }
    }
}
