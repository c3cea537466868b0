package dev.junction.gateway;

import static dev.junction.gateway.E2eClient.chatBody;
import static dev.junction.gateway.E2eClient.error;
import static dev.junction.gateway.E2eClient.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.testkit.Answer;
import dev.junction.testkit.FakeUpstream;
import dev.junction.testkit.OpenAiWire;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Virtual keys and teams end to end on one store: the admin API, then calls with the keys through the
 * OpenAI SDK and plain HTTP. Run once on the embedded store and once on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class KeysContract {
    static final String MASTER = "sk-master-keys";
    /** 10 prompt and 5 completion tokens at 0.001 and 0.002: what every priced answer costs. */
    static final double CALL_COST = 0.02;

    GatewayHarness gateway;
    private E2eClient admin;

    /** The {@code general_settings} line naming the store, or "" for the embedded default. */
    abstract String databaseSetting() throws Exception;

    @BeforeAll
    void start() throws Exception {
        gateway = GatewayHarness.start(
                "/e2e/keys.yaml", Map.of("DATABASE", databaseSetting()), "junction-keys-" + UUID.randomUUID(), null);
        admin = new E2eClient(gateway, MASTER);
        answerEverywhere();
    }

    private void answerEverywhere() {
        for (String model : List.of("gpt-4o", "cheap", "team-gpt")) {
            gateway.upstream
                    .on("/" + model + "/v1/chat/completions")
                    .replyAlways(OpenAiWire.chat("gpt-4o")
                            .content("from " + model)
                            .usage(10, 5)
                            .answer());
        }
        gateway.upstream.on("/flaky/v1/chat/completions").replyAlways(OpenAiWire.serverError());
        gateway.upstream
                .on("/slow/v1/chat/completions")
                .replyAlways(Answer.delayed(
                        Duration.ofMillis(700),
                        OpenAiWire.chat("gpt-4o").usage(10, 5).answer()));
    }

    @AfterAll
    void stop() throws Exception {
        gateway.close();
    }

    // ---- helpers ----

    JsonObject adminCall(String path, JsonObject body) throws Exception {
        HttpResponse<String> response = adminPost(path, body);
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    HttpResponse<String> adminPost(String path, JsonObject body) throws Exception {
        return gateway.post(
                path, body.encode(), "authorization", "Bearer " + MASTER, "content-type", "application/json");
    }

    HttpResponse<String> adminGet(String pathAndQuery) throws Exception {
        return gateway.get(pathAndQuery, "authorization", "Bearer " + MASTER);
    }

    String newKey(JsonObject settings) throws Exception {
        String key = adminCall("/key/generate", settings).getString("key");
        assertThat(key).startsWith("sk-");
        return key;
    }

    /** The content a streamed gpt-4o chat of {@code prompt} delivered, read with the OpenAI SDK. */
    private String streamedAnswer(String key, String prompt) {
        StringBuilder streamed = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> chunks = gateway.openAi(key)
                .chat()
                .completions()
                .createStreaming(ChatCompletionCreateParams.builder()
                        .model("gpt-4o")
                        .addUserMessage(prompt)
                        .build())) {
            chunks.stream()
                    .flatMap(chunk -> chunk.choices().stream())
                    .forEach(choice -> choice.delta().content().ifPresent(streamed::append));
        }
        return streamed.toString();
    }

    HttpResponse<String> chatAs(String key, JsonObject body) throws Exception {
        return gateway.post("/v1/chat/completions", body.encode(), "authorization", "Bearer " + key);
    }

    double spendOf(String key) throws Exception {
        HttpResponse<String> info = adminGet("/key/info?key=" + key);
        assertThat(info.statusCode()).as(info.body()).isEqualTo(200);
        return new JsonObject(info.body()).getJsonObject("info").getDouble("spend");
    }

    /** Spend reaches the store in batches: waits until the key's stored spend is {@code expected}. */
    void awaitStoredSpend(String key, double expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        double seen = -1;
        while (System.nanoTime() < deadline) {
            seen = spendOf(key);
            if (Math.abs(seen - expected) < 1e-9) {
                return;
            }
            Thread.sleep(100);
        }
        assertThat(seen).as("spend of the key").isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
    }

    // ---- the cases ----

    @Test
    @Order(1)
    void a_generated_key_works_with_the_openai_sdk_and_is_charged_for_each_call() throws Exception {
        JsonObject made = adminCall("/key/generate", new JsonObject().put("key_alias", "sdk-" + UUID.randomUUID()));
        String key = made.getString("key");
        assertThat(made.getString("token")).hasSize(64).isNotEqualTo(key);
        assertThat(made.getString("key_name")).isEqualTo("sk-..." + key.substring(key.length() - 4));

        HttpResponseFor<ChatCompletion> response = gateway.openAi(key)
                .chat()
                .completions()
                .withRawResponse()
                .create(ChatCompletionCreateParams.builder()
                        .model("gpt-4o")
                        .addUserMessage("Hello")
                        .build());
        assertThat(response.parse().choices().get(0).message().content()).contains("from gpt-4o");
        assertThat(Double.parseDouble(
                        response.headers().values("x-litellm-response-cost").get(0)))
                .isCloseTo(CALL_COST, org.assertj.core.data.Offset.offset(1e-12));
        awaitStoredSpend(key, CALL_COST);
    }

    @Test
    @Order(1)
    void a_stream_is_charged_when_it_ends_with_the_usage_it_reported() throws Exception {
        gateway.upstream
                .on("/gpt-4o/v1/chat/completions")
                .reply(OpenAiWire.chat("gpt-4o").usage(10, 5).streamAnswer(3, true));
        String key = newKey(new JsonObject().put("max_budget", 1));
        HttpResponse<String> streamed = chatAs(
                key,
                chatBody("gpt-4o")
                        .put("stream", true)
                        .put("stream_options", new JsonObject().put("include_usage", true)));
        assertThat(streamed.statusCode()).isEqualTo(200);
        assertThat(streamed.body()).contains("data: [DONE]");
        awaitStoredSpend(key, CALL_COST);
    }

    @Test
    @Order(1)
    void a_stream_without_reported_usage_is_charged_for_the_tokens_it_streamed() throws Exception {
        // As the OpenAI SDK streams by default: no stream_options, so the upstream reports no usage.
        String answer = "Streaming without usage still has to be paid for, token by token.";
        gateway.upstream
                .on("/gpt-4o/v1/chat/completions")
                .reply(OpenAiWire.chat("gpt-4o").content(answer).usage(0, 0).answer());
        HttpResponse<String> whole = chatAs(newKey(new JsonObject()), chatBody("gpt-4o", "Hello"));
        double promptOnly = Double.parseDouble(header(whole, "x-litellm-response-cost"));
        assertThat(promptOnly).isPositive();

        gateway.upstream
                .on("/gpt-4o/v1/chat/completions")
                .reply(OpenAiWire.chat("gpt-4o").content(answer).streamAnswer(4, false));
        String key = newKey(new JsonObject().put("max_budget", 1));
        assertThat(streamedAnswer(key, "Hello")).isEqualTo(answer);

        int completionTokens = Encodings.newDefaultEncodingRegistry()
                .getEncoding(EncodingType.O200K_BASE)
                .countTokens(answer);
        awaitStoredSpend(key, promptOnly + completionTokens * 0.002);
    }

    @Test
    void a_stream_without_reported_usage_settles_the_keys_tpm_with_its_prompt_and_its_answer() throws Exception {
        // No deployment tpm here, so the router counts no prompt at admission; the key's tpm still needs both.
        Encoding o200k = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
        String prompt = "Count every word of this prompt, please. ".repeat(25);
        String answer = "An answer long enough to weigh on the key's tokens per minute. ".repeat(4);
        int promptTokens = o200k.countTokens(prompt);
        int answerTokens = o200k.countTokens(answer);
        // Room for the answer and one prompt (with its few tokens of message framing), not for two prompts.
        long tpmLimit = answerTokens + promptTokens + promptTokens / 2;
        boolean sameMinute;
        HttpResponse<String> next;
        do {
            long minute = System.currentTimeMillis() / 60_000;
            String key = newKey(new JsonObject().put("tpm_limit", tpmLimit));
            gateway.upstream
                    .on("/gpt-4o/v1/chat/completions")
                    .reply(OpenAiWire.chat("gpt-4o").content(answer).streamAnswer(4, false));
            assertThat(streamedAnswer(key, prompt)).isEqualTo(answer);
            // The count settles on a worker once the stream has ended. One probe only: an admitted probe would add
            // its own tokens, and enough of them would bring the refusal even with the answer left uncounted.
            Thread.sleep(1000);
            next = chatAs(key, chatBody("gpt-4o", prompt));
            // A new minute starts the key's count afresh: then the check is repeated with a new key.
            sameMinute = System.currentTimeMillis() / 60_000 == minute;
        } while (!sameMinute);
        assertThat(next.statusCode()).as(next.body()).isEqualTo(429);
        assertThat(error(next).getString("message")).contains("tpm_limit");
    }

    @Test
    @Order(2)
    void a_key_calls_only_its_models_and_fallbacks() throws Exception {
        String key = newKey(new JsonObject().put("models", new JsonArray().add("cheap")));
        assertThat(chatAs(key, chatBody("cheap")).statusCode()).isEqualTo(200);

        HttpResponse<String> refused = chatAs(key, chatBody("gpt-4o"));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(error(refused).getString("type")).isEqualTo("key_model_access_denied");
        assertThat(error(refused).getString("param")).isEqualTo("model");
        assertThat(refused.headers().allValues("x-litellm-call-id"))
                .singleElement()
                .asString()
                .isNotBlank();
        assertThat(error(refused).getString("message"))
                .contains("models=[cheap]")
                .contains("Tried to access gpt-4o");

        HttpResponse<String> viaFallback =
                chatAs(key, chatBody("cheap").put("fallbacks", new JsonArray().add("gpt-4o")));
        assertThat(viaFallback.statusCode()).isEqualTo(401);

        assertThatThrownBy(() -> gateway.openAi(key)
                        .chat()
                        .completions()
                        .create(ChatCompletionCreateParams.builder()
                                .model("gpt-4o")
                                .addUserMessage("Hi")
                                .build()))
                .isInstanceOf(UnauthorizedException.class);

        JsonObject models = new JsonObject(
                gateway.get("/v1/models", "authorization", "Bearer " + key).body());
        assertThat(models.getJsonArray("data").stream().map(m -> ((JsonObject) m).getString("id")))
                .containsExactly("cheap");
    }

    @Test
    @Order(2)
    void a_key_cannot_send_a_deployments_key_elsewhere_through_its_fallbacks() throws Exception {
        FakeUpstream listener = GatewayHarness.await(FakeUpstream.start(gateway.vertx));
        try {
            listener.on("/v1/chat/completions").replyAlways(OpenAiWire.ok("stolen"));
            JsonObject toListener = new JsonObject().put("model", "cheap").put("api_base", listener.baseUrl() + "/v1");

            HttpResponse<String> refused = chatAs(
                    newKey(new JsonObject()), chatBody("flaky").put("fallbacks", new JsonArray().add(toListener)));

            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(error(refused).getString("param")).isEqualTo("fallbacks[0].api_base");
            assertThat(listener.requests()).isEmpty();
        } finally {
            GatewayHarness.await(listener.close());
        }
    }

    @Test
    @Order(2)
    void model_info_and_model_group_info_show_a_key_only_what_its_calls_may_reach() throws Exception {
        Map<String, String> idsByGroup = new HashMap<>();
        new JsonObject(adminGet("/model/info").body())
                .getJsonArray("data")
                .forEach(entry -> idsByGroup.put(
                        ((JsonObject) entry).getString("model_name"),
                        ((JsonObject) entry).getJsonObject("model_info").getString("id")));
        String key = newKey(new JsonObject()
                .put("models", new JsonArray().add("cheap").add("my-gpt"))
                .put("aliases", new JsonObject().put("my-gpt", "team-gpt")));

        HttpResponse<String> info = gateway.get("/v1/model/info", "authorization", "Bearer " + key);
        HttpResponse<String> groups = gateway.get("/model_group/info", "authorization", "Bearer " + key);
        HttpResponse<String> one = gateway.get(
                "/model/info?litellm_model_id=" + idsByGroup.get("cheap"), "authorization", "Bearer " + key);
        HttpResponse<String> outOfReach = gateway.get(
                "/model/info?litellm_model_id=" + idsByGroup.get("gpt-4o"), "authorization", "Bearer " + key);

        assertThat(idsByGroup).containsKeys("cheap", "gpt-4o", "team-gpt", "flaky", "slow");
        assertThat(names(info, "model_name")).containsExactly("cheap", "team-gpt");
        assertThat(names(groups, "model_group")).containsExactly("cheap", "team-gpt");
        assertThat(names(one, "model_name")).containsExactly("cheap");
        assertThat(info.body() + groups.body()).doesNotContain("sk-up");
        assertThat(outOfReach.statusCode()).isEqualTo(400);
        assertThat(error(outOfReach).getString("param")).isEqualTo("litellm_model_id");
        assertThat(error(outOfReach).getString("message")).contains("not found");
        HttpResponse<String> asMaster = adminGet("/model/info?litellm_model_id=" + idsByGroup.get("gpt-4o"));
        assertThat(names(asMaster, "model_name")).containsExactly("gpt-4o");
        assertThat(names(adminGet("/model_group/info?model_group=slow"), "model_group"))
                .containsExactly("slow");
    }

    private static List<String> names(HttpResponse<String> listing, String field) {
        assertThat(listing.statusCode()).as(listing.body()).isEqualTo(200);
        return new JsonObject(listing.body())
                .getJsonArray("data").stream()
                        .map(entry -> ((JsonObject) entry).getString(field))
                        .toList();
    }

    @Test
    @Order(3)
    void team_aliases_then_key_aliases_rewrite_the_model() throws Exception {
        String teamId = "team-" + UUID.randomUUID();
        JsonObject team = adminCall(
                "/team/new",
                new JsonObject()
                        .put("team_id", teamId)
                        .put("team_alias", "research")
                        .put("model_aliases", new JsonObject().put("gpt-4o", "team-gpt")));
        assertThat(team.getString("team_id")).isEqualTo(teamId);
        String teamKey = newKey(new JsonObject().put("team_id", teamId));
        assertThat(E2eClient.content(chatAs(teamKey, chatBody("gpt-4o")))).contains("from team-gpt");

        String aliased = newKey(new JsonObject().put("aliases", new JsonObject().put("my-model", "cheap")));
        assertThat(E2eClient.content(chatAs(aliased, chatBody("my-model")))).contains("from cheap");

        HttpResponse<String> info = adminGet("/team/info?team_id=" + teamId);
        assertThat(new JsonObject(info.body()).getJsonArray("keys")).hasSize(1);
    }

    @Test
    @Order(4)
    void disable_fallbacks_in_key_metadata_turns_fallbacks_off_for_that_key() throws Exception {
        assertThat(E2eClient.content(admin.chat("flaky"))).contains("from cheap");
        String key = newKey(new JsonObject().put("metadata", new JsonObject().put("disable_fallbacks", true)));
        HttpResponse<String> failed = chatAs(key, chatBody("flaky"));
        assertThat(failed.statusCode()).isEqualTo(500);
        String plain = newKey(new JsonObject());
        assertThat(E2eClient.content(chatAs(plain, chatBody("flaky")))).contains("from cheap");
    }

    @Test
    @Order(5)
    void key_and_team_rpm_limits_refuse_with_429_and_retry_after() throws Exception {
        String key = newKey(new JsonObject().put("rpm_limit", 2));
        assertThat(chatAs(key, chatBody("cheap")).statusCode()).isEqualTo(200);
        assertThat(chatAs(key, chatBody("cheap")).statusCode()).isEqualTo(200);
        HttpResponse<String> third = chatAs(key, chatBody("cheap"));
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(error(third).getString("message")).contains("rpm_limit");
        assertThat(Integer.parseInt(header(third, "retry-after"))).isBetween(1, 60);

        String teamId = "limited-" + UUID.randomUUID();
        adminCall("/team/new", new JsonObject().put("team_id", teamId).put("rpm_limit", 1));
        String first = newKey(new JsonObject().put("team_id", teamId));
        String second = newKey(new JsonObject().put("team_id", teamId));
        assertThat(chatAs(first, chatBody("cheap")).statusCode()).isEqualTo(200);
        HttpResponse<String> overTeam = chatAs(second, chatBody("cheap"));
        assertThat(overTeam.statusCode()).isEqualTo(429);
        assertThat(error(overTeam).getString("message")).contains("team " + teamId);
    }

    @Test
    @Order(6)
    void max_parallel_requests_of_a_key_refuses_the_call_beyond_it() throws Exception {
        String key = newKey(new JsonObject().put("max_parallel_requests", 1));
        E2eClient client = new E2eClient(gateway, key);
        CompletableFuture<HttpResponse<String>> first = client.chatAsync(chatBody("slow"));
        Thread.sleep(200);
        HttpResponse<String> second = chatAs(key, chatBody("slow"));
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(error(second).getString("message")).contains("max_parallel_requests");
        assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        // The slot is free again once the first call ended (as fast as the cluster state syncs: 10 ms).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        int status = chatAs(key, chatBody("cheap")).statusCode();
        while (status == 429 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            status = chatAs(key, chatBody("cheap")).statusCode();
        }
        assertThat(status).isEqualTo(200);
    }

    @Test
    @Order(7)
    void a_budget_refuses_calls_once_spent() throws Exception {
        String key = newKey(new JsonObject().put("max_budget", 0.03));
        assertThat(chatAs(key, chatBody("cheap")).statusCode()).isEqualTo(200);
        assertThat(chatAs(key, chatBody("cheap")).statusCode()).isEqualTo(200);
        HttpResponse<String> over = chatAs(key, chatBody("cheap"));
        assertThat(over.statusCode()).isEqualTo(400);
        assertThat(error(over).getString("type")).isEqualTo("budget_exceeded");
        assertThat(error(over).getString("message")).contains("max budget: 0.03");
        awaitStoredSpend(key, 2 * CALL_COST);
    }

    @Test
    @Order(8)
    void concurrent_calls_against_a_small_budget_overspend_by_at_most_what_is_in_flight() throws Exception {
        double budget = 0.05;
        String key = newKey(new JsonObject().put("max_budget", budget));
        E2eClient client = new E2eClient(gateway, key);
        // max_tokens makes the reservation cover the answer: each call reserves about what it will cost.
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(client.chatAsync(chatBody("slow").put("max_tokens", 5)));
        }
        int admitted = 0;
        int refused = 0;
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> response = call.get(20, TimeUnit.SECONDS);
            if (response.statusCode() == 200) {
                admitted++;
            } else {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
                assertThat(error(response).getString("type")).isEqualTo("budget_exceeded");
                refused++;
            }
        }
        assertThat(admitted + refused).isEqualTo(10);
        assertThat(refused).as("calls refused by the budget").isPositive();
        // Without reservations all ten would run at once (0.20 spent); with them the overspend stays within
        // the one call in flight when the budget was reached.
        awaitStoredSpend(key, admitted * CALL_COST);
        assertThat(admitted * CALL_COST).isLessThanOrEqualTo(budget + CALL_COST + 1e-9);
    }

    @Test
    @Order(9)
    void an_expired_key_is_refused_with_litellms_expired_key_error() throws Exception {
        String key = newKey(new JsonObject().put("duration", "1s"));
        Thread.sleep(1_200);
        HttpResponse<String> expired = chatAs(key, chatBody("cheap"));
        assertThat(expired.statusCode()).isEqualTo(400);
        assertThat(error(expired).getString("type")).isEqualTo("expired_key");
    }

    @Test
    @Order(10)
    void block_unblock_delete_and_regenerate_take_effect_at_once() throws Exception {
        String key = newKey(new JsonObject().put("key_alias", "lifecycle-" + UUID.randomUUID()));
        assertThat(chatAs(key, chatBody("cheap")).statusCode()).isEqualTo(200);

        adminCall("/key/block", new JsonObject().put("key", key));
        HttpResponse<String> blocked = chatAs(key, chatBody("cheap"));
        assertThat(blocked.statusCode()).isEqualTo(401);
        assertThat(error(blocked).getString("message")).contains("blocked");
        adminCall("/key/unblock", new JsonObject().put("key", key));
        assertThat(chatAs(key, chatBody("cheap")).statusCode()).isEqualTo(200);

        JsonObject renewed = adminCall("/key/regenerate", new JsonObject().put("key", key));
        String newKey = renewed.getString("key");
        assertThat(newKey).isNotEqualTo(key);
        assertThat(chatAs(key, chatBody("cheap")).statusCode()).isEqualTo(401);
        assertThat(chatAs(newKey, chatBody("cheap")).statusCode()).isEqualTo(200);

        JsonObject deleted = adminCall("/key/delete", new JsonObject().put("keys", new JsonArray().add(newKey)));
        assertThat(deleted.getJsonArray("deleted_keys")).containsExactly(newKey);
        HttpResponse<String> gone = chatAs(newKey, chatBody("cheap"));
        assertThat(gone.statusCode()).isEqualTo(401);
        assertThat(error(gone).getString("type")).isEqualTo("token_not_found_in_db");
    }

    @Test
    @Order(11)
    void a_blocked_team_blocks_its_keys_and_deleting_it_deletes_them() throws Exception {
        String teamId = "blockable-" + UUID.randomUUID();
        adminCall("/team/new", new JsonObject().put("team_id", teamId));
        String key = newKey(new JsonObject().put("team_id", teamId));
        assertThat(chatAs(key, chatBody("cheap")).statusCode()).isEqualTo(200);
        adminCall("/team/block", new JsonObject().put("team_id", teamId));
        assertThat(chatAs(key, chatBody("cheap")).statusCode()).isEqualTo(401);
        adminCall("/team/unblock", new JsonObject().put("team_id", teamId));
        assertThat(chatAs(key, chatBody("cheap")).statusCode()).isEqualTo(200);
        adminCall("/team/delete", new JsonObject().put("team_ids", new JsonArray().add(teamId)));
        assertThat(chatAs(key, chatBody("cheap")).statusCode()).isEqualTo(401);
        assertThat(adminGet("/team/info?team_id=" + teamId).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(12)
    void the_admin_api_refuses_bad_input_and_virtual_keys() throws Exception {
        HttpResponse<String> unknown = adminPost("/key/generate", new JsonObject().put("modles", new JsonArray()));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(error(unknown).getString("param")).isEqualTo("modles");
        assertThat(error(unknown).getString("message")).contains("modles");

        HttpResponse<String> wrongType = adminPost("/key/generate", new JsonObject().put("rpm_limit", "ten"));
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(error(wrongType).getString("message")).isEqualTo("rpm_limit must be a non-negative whole number");

        HttpResponse<String> noTeam = adminPost("/key/generate", new JsonObject().put("team_id", "no-such-team"));
        assertThat(noTeam.statusCode()).isEqualTo(400);
        assertThat(error(noTeam).getString("param")).isEqualTo("team_id");

        String alias = "taken-" + UUID.randomUUID();
        newKey(new JsonObject().put("key_alias", alias));
        HttpResponse<String> duplicate = adminPost("/key/generate", new JsonObject().put("key_alias", alias));
        assertThat(duplicate.statusCode()).isEqualTo(400);
        assertThat(error(duplicate).getString("param")).isEqualTo("key_alias");

        String key = newKey(new JsonObject());
        HttpResponse<String> asKey = gateway.post("/key/generate", "{}", "authorization", "Bearer " + key);
        assertThat(asKey.statusCode()).isEqualTo(401);
        assertThat(gateway.get("/team/list", "authorization", "Bearer " + key).statusCode())
                .isEqualTo(401);
        assertThat(adminGet("/key/info?key=sk-never-made").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(12)
    void values_the_store_cannot_hold_are_400s_naming_the_field_and_nothing_is_written() throws Exception {
        String teamId = "checked-" + UUID.randomUUID();
        adminCall("/team/new", new JsonObject().put("team_id", teamId));
        int keysBefore = keyCount();
        int teamsBefore = teamCount();
        String tooLong = "x".repeat(256);
        String[][] refusals = {
            // route, body (raw JSON: some values have no Java number type), the field named
            {"/key/generate", "{\"rpm_limit\": 18446744073709551621}", "rpm_limit"},
            {"/key/generate", "{\"tpm_limit\": 1e20}", "tpm_limit"},
            {"/key/generate", "{\"tpm_limit\": -5}", "tpm_limit"},
            {"/key/generate", "{\"max_parallel_requests\": 2147483648}", "max_parallel_requests"},
            {"/key/generate", "{\"max_budget\": -1}", "max_budget"},
            {"/key/generate", "{\"max_budget\": 1e400}", "max_budget"},
            {"/key/generate", "{\"key_alias\": \"" + tooLong + "\"}", "key_alias"},
            {"/key/generate", "{\"key_alias\": \"nul\\u0000here\"}", "key_alias"},
            {"/key/generate", "{\"user_id\": \"" + tooLong + "\"}", "user_id"},
            {"/key/generate", "{\"key\": \"sk-tab\\there\"}", "key"},
            {"/key/generate", "{\"key\": \"sk-" + tooLong + "\"}", "key"},
            {"/key/generate", "{\"budget_duration\": \"30" + " ".repeat(80) + "d\"}", "budget_duration"},
            {"/key/generate", "{\"models\": [\"cheap\", \"line\\nbreak\"]}", "models"},
            {"/key/generate", "{\"models\": " + new JsonArray(java.util.Collections.nCopies(1_001, "m")) + "}", "models"
            },
            {"/key/generate", "{\"aliases\": {\"a\": \"" + tooLong + "\"}}", "aliases"},
            {"/key/generate", "{\"metadata\": {\"note\": \"" + "n".repeat(70_000) + "\"}}", "metadata"},
            {"/team/new", "{\"team_id\": \"" + tooLong + "\"}", "team_id"},
            {"/team/new", "{\"team_id\": \"nul\\u0000team\"}", "team_id"},
            {"/team/new", "{\"team_alias\": \"" + tooLong + "\"}", "team_alias"},
            {"/team/new", "{\"rpm_limit\": 18446744073709551621}", "rpm_limit"},
            {
                "/team/update",
                "{\"team_id\": \"" + teamId + "\", \"model_aliases\": {\"" + tooLong + "\": \"cheap\"}}",
                "model_aliases"
            },
            {"/team/update", "{\"team_id\": \"" + teamId + "\", \"tpm_limit\": 1.5}", "tpm_limit"},
        };
        for (String[] refusal : refusals) {
            HttpResponse<String> response = gateway.post(
                    refusal[0], refusal[1], "authorization", "Bearer " + MASTER, "content-type", "application/json");
            String what = refusal[0] + " " + refusal[1].substring(0, Math.min(80, refusal[1].length()));
            assertThat(response.statusCode()).as(what + " " + response.body()).isEqualTo(400);
            assertThat(error(response).getString("param")).as(what).isEqualTo(refusal[2]);
            assertThat(error(response).getString("message")).as(what).startsWith(refusal[2]);
        }
        assertThat(keyCount()).isEqualTo(keysBefore);
        assertThat(teamCount()).isEqualTo(teamsBefore);
        JsonObject team =
                new JsonObject(adminGet("/team/info?team_id=" + teamId).body()).getJsonObject("team_info");
        assertThat(team.getValue("tpm_limit")).isNull();

        // The largest values that fit are taken as given.
        String key = newKey(new JsonObject()
                .put("rpm_limit", Long.MAX_VALUE)
                .put("max_parallel_requests", Integer.MAX_VALUE)
                .put("key_alias", "a".repeat(255)));
        JsonObject info = new JsonObject(adminGet("/key/info?key=" + key).body()).getJsonObject("info");
        assertThat(info.getLong("rpm_limit")).isEqualTo(Long.MAX_VALUE);
        assertThat(info.getInteger("max_parallel_requests")).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    @Order(12)
    void a_key_with_a_control_character_is_refused_as_malformed() throws Exception {
        HttpResponse<String> response = chatAs("sk-tab\there", chatBody("cheap"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(error(response).getString("message")).contains("control characters");
        assertThat(response.body()).doesNotContain("sk-tab");
    }

    private int keyCount() throws Exception {
        return new JsonObject(adminGet("/key/list?size=1").body()).getInteger("total_count");
    }

    private int teamCount() throws Exception {
        return new JsonObject(adminGet("/team/list?size=1000").body())
                .getJsonArray("teams")
                .size();
    }

    @Test
    @Order(13)
    void hostile_keys_get_a_plain_401_and_the_node_keeps_serving() throws Exception {
        String[] hostile = {
            "sk-' OR '1'='1", "sk-\"; DROP TABLE junction_keys; --", "sk-" + "A".repeat(20_000), "not-a-key", "sk-üñí"
        };
        for (String key : hostile) {
            HttpResponse<String> response = chatAs(key, chatBody("cheap"));
            assertThat(response.statusCode())
                    .as(key.substring(0, Math.min(20, key.length())))
                    .isEqualTo(401);
            assertThat(response.body()).doesNotContain(key).doesNotContain("Exception");
        }
        // A NUL byte cannot be sent by an HTTP client library: write the request by hand.
        String raw = "POST /v1/chat/completions HTTP/1.1\r\nhost: localhost\r\nauthorization: Bearer sk-a\u0000b\r\n"
                + "content-type: application/json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}";
        String answer = rawExchange(raw);
        assertThat(answer).matches("(?s)HTTP/1.1 (400|401) .*");
        assertThat(admin.chat("cheap").statusCode()).isEqualTo(200);
    }

    private String rawExchange(String request) throws Exception {
        NetClient client = gateway.vertx.createNetClient();
        try {
            NetSocket socket = GatewayHarness.await(client.connect(gateway.node.port(), "127.0.0.1"));
            Buffer received = Buffer.buffer();
            CompletableFuture<String> done = new CompletableFuture<>();
            socket.handler(received::appendBuffer);
            socket.closeHandler(v -> done.complete(received.toString()));
            socket.write(Buffer.buffer(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
            return done.get(10, TimeUnit.SECONDS);
        } finally {
            GatewayHarness.await(client.close());
        }
    }

    @Test
    @Order(100)
    void keys_teams_and_spend_survive_a_restart() throws Exception {
        String teamId = "durable-" + UUID.randomUUID();
        adminCall("/team/new", new JsonObject().put("team_id", teamId).put("models", new JsonArray().add("cheap")));
        String key = newKey(new JsonObject().put("team_id", teamId).put("max_budget", 10));
        assertThat(chatAs(key, chatBody("cheap")).statusCode()).isEqualTo(200);

        gateway.restart();

        assertThat(chatAs(key, chatBody("cheap")).statusCode()).isEqualTo(200);
        assertThat(chatAs(key, chatBody("gpt-4o")).statusCode()).isEqualTo(401);
        awaitStoredSpend(key, 2 * CALL_COST);
        // The team has no budget, so its spend is only what the batched writes stored (every 0.2 s here).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        double teamSpend = -1;
        while (System.nanoTime() < deadline && Math.abs(teamSpend - 2 * CALL_COST) > 1e-9) {
            Thread.sleep(100);
            JsonObject team =
                    new JsonObject(adminGet("/team/info?team_id=" + teamId).body());
            teamSpend = team.getJsonObject("team_info").getDouble("spend");
        }
        assertThat(teamSpend).isCloseTo(2 * CALL_COST, org.assertj.core.data.Offset.offset(1e-9));
    }
}
