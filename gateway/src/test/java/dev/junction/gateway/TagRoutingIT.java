package dev.junction.gateway;

import static dev.junction.gateway.E2eClient.chatBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.core.JsonValue;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.testkit.OpenAiWire;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** LiteLLM's tag-based routing: request, key and team tags choose among a group's tagged deployments. */
class TagRoutingIT {
    private static final String MASTER = "sk-master-tags";
    private static GatewayHarness gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayHarness.start("/e2e/tags.yaml");
        for (String path : List.of("team-a", "team-b", "default", "paid")) {
            gateway.upstream
                    .on("/" + path + "/v1/chat/completions")
                    .replyAlways(
                            OpenAiWire.chat("gpt-4o").content("from " + path).answer());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    private static String answerWithBody(String key, JsonObject body) {
        return gateway.openAi(key)
                .chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model(body.getString("model"))
                        .addUserMessage("Hello")
                        .additionalBodyProperties(extra(body))
                        .build())
                .choices()
                .get(0)
                .message()
                .content()
                .orElseThrow();
    }

    /** The body's fields besides model and messages, as the SDK's extra body properties. */
    private static Map<String, JsonValue> extra(JsonObject body) {
        Map<String, JsonValue> extra = new java.util.HashMap<>();
        body.forEach(field -> {
            Object value = field.getValue();
            if (value instanceof JsonArray list) {
                value = list.getList();
            } else if (value instanceof JsonObject json) {
                value = json.getMap();
            }
            if (!field.getKey().equals("model") && !field.getKey().equals("messages")) {
                extra.put(field.getKey(), JsonValue.from(value));
            }
        });
        return extra;
    }

    @Test
    void tags_in_the_body_choose_the_deployments_carrying_them() {
        String answer = answerWithBody(MASTER, chatBody("tagged").put("tags", new JsonArray().add("team-a")));

        assertThat(answer).isEqualTo("from team-a");
    }

    @Test
    void tags_in_the_metadata_count_as_the_bodys() {
        JsonObject body = chatBody("tagged").put("metadata", new JsonObject().put("tags", new JsonArray().add("beta")));

        assertThat(answerWithBody(MASTER, body)).isEqualTo("from team-b");
    }

    @Test
    void a_request_without_tags_goes_to_the_default_deployments() {
        for (int i = 0; i < 5; i++) {
            assertThat(answerWithBody(MASTER, chatBody("tagged"))).isEqualTo("from default");
        }
    }

    @Test
    void a_tag_no_deployment_carries_falls_back_to_the_default_deployments() {
        assertThat(answerWithBody(MASTER, chatBody("tagged").put("tags", new JsonArray().add("unknown"))))
                .isEqualTo("from default");
    }

    @Test
    void a_tag_matching_nothing_in_a_group_without_default_is_refused_as_litellm_refuses_it() {
        assertThatThrownBy(() -> answerWithBody(MASTER, chatBody("paid-only").put("tags", new JsonArray().add("free"))))
                .isInstanceOf(UnauthorizedException.class)
                .hasMessageContaining("Not allowed to access model due to tags configuration")
                .hasMessageContaining("paid-only");
    }

    @Test
    void a_keys_tags_route_its_requests() throws Exception {
        String key = admin("/key/generate", new JsonObject().put("tags", new JsonArray().add("team-b")))
                .getString("key");

        assertThat(answerWithBody(key, chatBody("tagged"))).isEqualTo("from team-b");
    }

    @Test
    void a_teams_tags_route_the_requests_of_its_keys() throws Exception {
        String team = admin("/team/new", new JsonObject().put("tags", new JsonArray().add("team-a")))
                .getString("team_id");
        String key =
                admin("/key/generate", new JsonObject().put("team_id", team)).getString("key");

        assertThat(answerWithBody(key, chatBody("tagged"))).isEqualTo("from team-a");
    }

    private static JsonObject admin(String path, JsonObject body) throws Exception {
        HttpResponse<String> response = gateway.post(path, body.encode(), "authorization", "Bearer " + MASTER);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }
}
