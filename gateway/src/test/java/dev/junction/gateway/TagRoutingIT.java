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
        for (String path :
                List.of("team-a", "team-b", "default", "paid", "eu", "us", "claude-code", "coding-default")) {
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

    private static JsonArray tags(String... tags) {
        return new JsonArray(List.of((Object[]) tags));
    }

    @Test
    void an_excluded_tag_leaves_out_the_deployments_carrying_it() {
        for (int i = 0; i < 5; i++) {
            assertThat(answerWithBody(MASTER, chatBody("tiers").put("tags", tags("fast", "!us"))))
                    .isEqualTo("from eu");
        }
    }

    @Test
    void a_required_tag_keeps_only_the_deployments_carrying_it() {
        for (int i = 0; i < 5; i++) {
            assertThat(answerWithBody(MASTER, chatBody("tiers").put("tags", tags("&us"))))
                    .isEqualTo("from us");
        }
    }

    @Test
    void a_tag_whose_deployments_were_left_out_is_refused_rather_than_sent_to_the_default() {
        assertThatThrownBy(() -> answerWithBody(MASTER, chatBody("tagged").put("tags", tags("team-a", "&beta"))))
                .isInstanceOf(UnauthorizedException.class)
                .hasMessageContaining("tags=[team-a, &beta]");
    }

    private static HttpResponse<String> chatAs(String userAgent) throws Exception {
        return gateway.post(
                "/v1/chat/completions",
                chatBody("coding").encode(),
                "authorization",
                "Bearer " + MASTER,
                "user-agent",
                userAgent);
    }

    private static String content(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body())
                .getJsonArray("choices")
                .getJsonObject(0)
                .getJsonObject("message")
                .getString("content");
    }

    @Test
    void a_user_agent_matching_a_deployments_tag_regex_is_routed_to_it() throws Exception {
        assertThat(content(chatAs("claude-code/1.0.43 (external, cli)"))).isEqualTo("from claude-code");
        JsonObject sent = gateway.upstream.lastRequest().bodyAsJson();
        assertThat(sent.fieldNames()).doesNotContain("tag_regex", "metadata");

        for (int i = 0; i < 3; i++) {
            assertThat(content(chatAs("curl/8.5.0"))).isEqualTo("from coding-default");
        }
    }

    private static JsonObject admin(String path, JsonObject body) throws Exception {
        HttpResponse<String> response = gateway.post(path, body.encode(), "authorization", "Bearer " + MASTER);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }
}
