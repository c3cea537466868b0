package dev.junction.gateway;

import static dev.junction.gateway.E2eClient.chatBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.junction.testkit.Answer;
import dev.junction.testkit.OpenAiWire;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The response cache of a two-node cluster ({@code cache: true}, {@code type: redis}, served by the cluster's
 * map), through the official OpenAI SDK: an answer one node fetched is served by the other without any upstream
 * call. Each node has its own fake upstream, so "no upstream call" is both upstreams staying silent.
 */
class CacheIT {
    private static final String MASTER = "sk-master-cache";
    private static final String CHAT = "/chat/v1/chat/completions";
    private static GatewayHarness a;
    private static GatewayHarness b;
    private static OpenAIClient sdkA;
    private static OpenAIClient sdkB;

    @BeforeAll
    static void start() throws Exception {
        String cluster = "junction-cache-" + UUID.randomUUID();
        a = GatewayHarness.start("/e2e/cache.yaml", Map.of(), cluster, Files.createTempDirectory("cache-a"));
        b = GatewayHarness.start("/e2e/cache.yaml", Map.of(), cluster, Files.createTempDirectory("cache-b"));
        assertThat(a.node.cluster().memberCount()).isEqualTo(2);
        sdkA = a.openAi(MASTER);
        sdkB = b.openAi(MASTER);
    }

    @AfterAll
    static void stop() throws Exception {
        sdkA.close();
        sdkB.close();
        b.close();
        a.close();
    }

    @BeforeEach
    void resetUpstreams() {
        for (GatewayHarness node : new GatewayHarness[] {a, b}) {
            node.upstream.reset();
            node.upstream.on(CHAT).replyAlways(answer("The cached answer, from upstream " + node.upstream.port()));
        }
    }

    private static Answer answer(String text) {
        return OpenAiWire.chat("gpt-4o-2024-08-06").content(text).usage(10, 5).answer();
    }

    /** How many requests reached {@code path} on either node's upstream. */
    private static int upstreamCalls(String path) {
        return a.upstream.requests(path).size() + b.upstream.requests(path).size();
    }

    private static String prompt() {
        return "Tell me about caching " + UUID.randomUUID();
    }

    private static ChatCompletionCreateParams.Builder chat(String prompt) {
        return ChatCompletionCreateParams.builder().model("gpt-4o").addUserMessage(prompt);
    }

    private static String header(HttpResponseFor<?> raw, String name) {
        List<String> values = raw.headers().values(name);
        return values.isEmpty() ? null : values.get(0);
    }

    private static HttpResponse<String> post(GatewayHarness node, String path, JsonObject body, String key)
            throws Exception {
        return node.post(path, body.encode(), "authorization", "Bearer " + key, "content-type", "application/json");
    }

    @Test
    void an_answer_fetched_on_one_node_is_served_by_the_other_without_an_upstream_call() {
        String prompt = prompt();
        HttpResponseFor<ChatCompletion> miss =
                sdkA.chat().completions().withRawResponse().create(chat(prompt).build());
        HttpResponseFor<ChatCompletion> hit =
                sdkB.chat().completions().withRawResponse().create(chat(prompt).build());

        assertThat(upstreamCalls(CHAT)).isEqualTo(1);
        assertThat(hit.parse()).isEqualTo(miss.parse());
        String key = header(miss, "x-litellm-cache-key");
        assertThat(key).hasSize(64).isEqualTo(header(hit, "x-litellm-cache-key"));
        assertThat(header(hit, "x-litellm-response-cost")).isEqualTo("0.0");
        assertThat(header(hit, "x-litellm-model-group")).isEqualTo("gpt-4o");
        // The deployment that answered, as this node knows it (here each node's api_base, so its id, differs).
        assertThat(header(hit, "x-litellm-model-id")).hasSize(64);
        HttpResponseFor<ChatCompletion> again =
                sdkA.chat().completions().withRawResponse().create(chat(prompt).build());
        assertThat(header(again, "x-litellm-model-id")).isEqualTo(header(miss, "x-litellm-model-id"));
        assertThat(hit.parse().choices().get(0).message().content())
                .contains("The cached answer, from upstream " + a.upstream.port());
    }

    @Test
    void a_hits_spend_log_row_says_cache_hit_and_costs_nothing() throws Exception {
        String prompt = prompt();
        HttpResponseFor<ChatCompletion> miss =
                sdkA.chat().completions().withRawResponse().create(chat(prompt).build());
        HttpResponseFor<ChatCompletion> hit =
                sdkA.chat().completions().withRawResponse().create(chat(prompt).build());

        AdminClient admin = new AdminClient(a, MASTER);
        JsonObject missRow = spendLogRow(admin, header(miss, "x-litellm-call-id"));
        JsonObject hitRow = spendLogRow(admin, header(hit, "x-litellm-call-id"));
        assertThat(missRow.getString("cache_hit")).isEqualTo("False");
        assertThat(missRow.getDouble("spend")).isGreaterThan(0);
        assertThat(hitRow.getString("cache_hit")).isEqualTo("True");
        assertThat(hitRow.getDouble("spend")).isZero();
        assertThat(hitRow.getString("status")).isEqualTo("success");
    }

    private static JsonObject spendLogRow(AdminClient admin, String callId) throws Exception {
        JsonArray rows = admin.awaitList("/spend/logs?request_id=" + callId, list -> !list.isEmpty());
        assertThat(rows).as("spend log rows of " + callId).hasSize(1);
        return rows.getJsonObject(0);
    }

    @Test
    void the_key_is_litellms_whatever_the_user_and_metadata_and_a_changed_parameter_misses() {
        String prompt = prompt();
        HttpResponseFor<ChatCompletion> first = sdkA.chat()
                .completions()
                .withRawResponse()
                .create(chat(prompt).temperature(0.5).user("alice").build());
        HttpResponseFor<ChatCompletion> sameButUser = sdkB.chat()
                .completions()
                .withRawResponse()
                .create(chat(prompt)
                        .temperature(0.5)
                        .user("bob")
                        .putAdditionalBodyProperty("metadata", JsonValue.from(Map.of("tag", "x")))
                        .build());
        sdkB.chat().completions().create(chat(prompt).temperature(0.6).build());

        assertThat(header(sameButUser, "x-litellm-response-cost")).isEqualTo("0.0");
        assertThat(upstreamCalls(CHAT))
                .as("only the changed temperature went upstream")
                .isEqualTo(2);
        // As the SDK sends it: each message's content before its role, which LiteLLM's key keeps in that order.
        JsonObject body = new JsonObject()
                .put(
                        "messages",
                        new JsonArray()
                                .add(new JsonObject().put("content", prompt).put("role", "user")))
                .put("temperature", 0.5);
        assertThat(header(first, "x-litellm-cache-key"))
                .isEqualTo(dev.junction.router.cache.CacheKeys.key("completion", "gpt-4o", body, null));
    }

    @Test
    void a_streamed_answer_is_served_again_as_a_stream_and_as_json() {
        String prompt = prompt();
        for (GatewayHarness node : new GatewayHarness[] {a, b}) {
            node.upstream
                    .on(CHAT)
                    .reply(OpenAiWire.chat("gpt-4o")
                            .content("Streamed once, then served from the cache many times.")
                            .usage(7, 11)
                            .streamAnswer(5, true));
        }
        String streamedMiss = streamedText(sdkA, prompt, true);
        String streamedHit = streamedText(sdkB, prompt, true);
        ChatCompletion jsonHit = sdkA.chat().completions().create(chat(prompt).build());

        assertThat(upstreamCalls(CHAT)).isEqualTo(1);
        assertThat(streamedMiss).isEqualTo("Streamed once, then served from the cache many times.");
        assertThat(streamedHit).isEqualTo(streamedMiss);
        assertThat(jsonHit.choices().get(0).message().content()).hasValue(streamedMiss);
        assertThat(jsonHit.usage().orElseThrow().totalTokens()).isEqualTo(18);
    }

    @Test
    void a_json_answer_is_served_to_a_streaming_request_as_a_stream_with_usage() {
        String prompt = prompt();
        ChatCompletion miss = sdkA.chat().completions().create(chat(prompt).build());
        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream = sdkB.chat()
                .completions()
                .createStreaming(chat(prompt)
                        .streamOptions(ChatCompletionStreamOptions.builder()
                                .includeUsage(true)
                                .build())
                        .build())) {
            chunks = stream.stream().collect(Collectors.toList());
        }

        assertThat(upstreamCalls(CHAT)).isEqualTo(1);
        String text = chunks.stream()
                .flatMap(chunk -> chunk.choices().stream())
                .map(choice -> choice.delta().content().orElse(""))
                .collect(Collectors.joining());
        assertThat(text).isEqualTo(miss.choices().get(0).message().content().orElseThrow());
        assertThat(chunks).allMatch(chunk -> chunk.id().equals(miss.id()));
        assertThat(chunks.get(chunks.size() - 1).usage().orElseThrow().totalTokens())
                .isEqualTo(15);
    }

    private static String streamedText(OpenAIClient client, String prompt, boolean includeUsage) {
        ChatCompletionCreateParams.Builder params = chat(prompt);
        if (includeUsage) {
            params.streamOptions(
                    ChatCompletionStreamOptions.builder().includeUsage(true).build());
        }
        try (StreamResponse<ChatCompletionChunk> stream =
                client.chat().completions().createStreaming(params.build())) {
            return stream.stream()
                    .flatMap(chunk -> chunk.choices().stream())
                    .map(choice -> choice.delta().content().orElse(""))
                    .collect(Collectors.joining());
        }
    }

    @Test
    void embeddings_are_cached_across_the_nodes() {
        for (GatewayHarness node : new GatewayHarness[] {a, b}) {
            node.upstream
                    .on("/embed/v1/embeddings")
                    .replyAlways(Answer.json(200, OpenAiWire.embeddings("text-embedding-3-small", 2, 8)));
        }
        EmbeddingCreateParams params = EmbeddingCreateParams.builder()
                .model("embed")
                .inputOfArrayOfStrings(List.of("first " + UUID.randomUUID(), "second"))
                .build();
        CreateEmbeddingResponse miss = sdkA.embeddings().create(params);
        HttpResponseFor<CreateEmbeddingResponse> hit =
                sdkB.embeddings().withRawResponse().create(params);

        assertThat(upstreamCalls("/embed/v1/embeddings")).isEqualTo(1);
        assertThat(hit.parse()).isEqualTo(miss);
        assertThat(header(hit, "x-litellm-response-cost")).isEqualTo("0.0");
    }

    @Test
    void no_cache_asks_the_provider_again_and_stores_its_answer() throws Exception {
        String prompt = prompt();
        sdkA.chat().completions().create(chat(prompt).build());
        a.upstream.on(CHAT).reply(answer("A fresher answer"));

        ChatCompletion fresh = sdkA.chat()
                .completions()
                .create(chat(prompt)
                        .putAdditionalBodyProperty("cache", JsonValue.from(Map.of("no-cache", true)))
                        .build());
        ChatCompletion later = sdkB.chat().completions().create(chat(prompt).build());

        assertThat(upstreamCalls(CHAT)).isEqualTo(2);
        assertThat(fresh.choices().get(0).message().content()).hasValue("A fresher answer");
        assertThat(later).as("the fresh answer replaced the old one").isEqualTo(fresh);

        sdkA.chat().completions().create(chat(prompt).build());
        assertThat(upstreamCalls(CHAT)).as("served from the cache").isEqualTo(2);
        sdkA.chat()
                .completions()
                .create(chat(prompt)
                        .putAdditionalHeader("cache-control", "no-cache")
                        .build());
        assertThat(upstreamCalls(CHAT)).as("Cache-Control: no-cache").isEqualTo(3);
    }

    @Test
    void no_store_answers_without_keeping_the_answer() {
        String prompt = prompt();
        sdkA.chat()
                .completions()
                .create(chat(prompt)
                        .putAdditionalBodyProperty("cache", JsonValue.from(Map.of("no-store", true)))
                        .build());
        sdkB.chat().completions().create(chat(prompt).build());
        sdkA.chat().completions().create(chat(prompt).build());

        assertThat(upstreamCalls(CHAT)).as("stored by the second call only").isEqualTo(2);
    }

    @Test
    void a_ttl_of_one_second_lets_the_entry_expire() throws Exception {
        String prompt = prompt();
        sdkA.chat()
                .completions()
                .create(chat(prompt)
                        .putAdditionalBodyProperty("cache", JsonValue.from(Map.of("ttl", 1)))
                        .build());
        sdkB.chat().completions().create(chat(prompt).build());
        assertThat(upstreamCalls(CHAT)).as("within its second").isLessThanOrEqualTo(2);
        int before = upstreamCalls(CHAT);

        Thread.sleep(1_500);
        sdkB.chat().completions().create(chat(prompt).build());
        assertThat(upstreamCalls(CHAT)).isEqualTo(before + 1);
    }

    @Test
    void s_maxage_refuses_an_entry_older_than_asked() throws Exception {
        String prompt = prompt();
        sdkA.chat().completions().create(chat(prompt).build());
        Thread.sleep(1_200);

        sdkB.chat()
                .completions()
                .create(chat(prompt)
                        .putAdditionalBodyProperty("cache", JsonValue.from(Map.of("s-maxage", 60)))
                        .build());
        assertThat(upstreamCalls(CHAT)).as("young enough").isEqualTo(1);
        sdkB.chat()
                .completions()
                .create(chat(prompt)
                        .putAdditionalBodyProperty("cache", JsonValue.from(Map.of("s-maxage", 1)))
                        .build());
        assertThat(upstreamCalls(CHAT)).as("too old").isEqualTo(2);
    }

    @Test
    void a_namespace_keeps_its_entries_apart() {
        String prompt = prompt();
        HttpResponseFor<ChatCompletion> spaced = sdkA.chat()
                .completions()
                .withRawResponse()
                .create(chat(prompt)
                        .putAdditionalBodyProperty("cache", JsonValue.from(Map.of("namespace", "team-a")))
                        .build());
        sdkB.chat().completions().create(chat(prompt).build());
        HttpResponseFor<ChatCompletion> again = sdkB.chat()
                .completions()
                .withRawResponse()
                .create(chat(prompt)
                        .putAdditionalBodyProperty("cache", JsonValue.from(Map.of("namespace", "team-a")))
                        .build());

        assertThat(header(spaced, "x-litellm-cache-key")).startsWith("team-a:");
        assertThat(upstreamCalls(CHAT)).isEqualTo(2);
        assertThat(header(again, "x-litellm-response-cost")).isEqualTo("0.0");
    }

    @Test
    void malformed_cache_controls_are_refused_naming_the_field() throws Exception {
        HttpResponse<String> response = post(
                a,
                "/v1/chat/completions",
                chatBody("gpt-4o", prompt()).put("cache", new JsonObject().put("ttl", "soon")),
                MASTER);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonObject error = new JsonObject(response.body()).getJsonObject("error");
        assertThat(error.getString("param")).isEqualTo("cache.ttl");
        assertThat(upstreamCalls(CHAT)).isZero();
    }

    @Test
    void identical_concurrent_misses_on_both_nodes_call_the_upstream_once() throws Exception {
        for (GatewayHarness node : new GatewayHarness[] {a, b}) {
            node.upstream
                    .on("/slow/v1/chat/completions")
                    .replyAlways(Answer.delayed(Duration.ofMillis(1_500), answer("Worth the wait")));
        }
        JsonObject body = chatBody("slow", prompt());
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            GatewayHarness node = i % 2 == 0 ? a : b;
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return post(node, "/v1/chat/completions", body, MASTER);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> response = call.get();
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(E2eClient.content(response)).isEqualTo("Worth the wait");
        }
        assertThat(upstreamCalls("/slow/v1/chat/completions")).isEqualTo(1);
    }

    @Test
    void a_hit_counts_toward_the_keys_rpm_but_not_the_deployments_and_costs_nothing() throws Exception {
        E2eClient.awaitMinuteWithAtLeast(Duration.ofSeconds(10));
        for (GatewayHarness node : new GatewayHarness[] {a, b}) {
            node.upstream.on("/capped/v1/chat/completions").replyAlways(answer("Capped"));
        }
        String key = new JsonObject(post(a, "/key/generate", new JsonObject().put("rpm_limit", 3), MASTER)
                        .body())
                .getString("key");
        JsonObject body = chatBody("capped", prompt());

        List<Integer> statuses = new ArrayList<>();
        List<String> costs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> response = post(i % 2 == 0 ? a : b, "/v1/chat/completions", body, key);
            statuses.add(response.statusCode());
            costs.add(E2eClient.header(response, "x-litellm-response-cost"));
            // The default batched state shares usage every 10 ms: calls this far apart see each other's counts.
            Thread.sleep(150);
        }

        assertThat(statuses)
                .as("the deployment's rpm of 1 lets the hits through; the key's rpm of 3 stops the fourth call")
                .containsExactly(200, 200, 200, 429);
        assertThat(upstreamCalls("/capped/v1/chat/completions")).isEqualTo(1);
        assertThat(costs.subList(1, 3)).containsOnly("0.0");
    }

    @Test
    void a_keyed_hit_is_not_charged_to_the_key() throws Exception {
        String key = new JsonObject(
                        post(a, "/key/generate", new JsonObject(), MASTER).body())
                .getString("key");
        JsonObject body = chatBody("gpt-4o", prompt());

        HttpResponse<String> miss = post(a, "/v1/chat/completions", body, key);
        HttpResponse<String> hit = post(b, "/v1/chat/completions", body, key);
        HttpResponse<String> other = post(b, "/v1/chat/completions", chatBody("gpt-4o", prompt()), key);

        // 10 prompt tokens at 0.001 and 5 completion tokens at 0.002.
        assertThat(Double.parseDouble(E2eClient.header(miss, "x-litellm-response-cost")))
                .isCloseTo(0.02, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(E2eClient.header(hit, "x-litellm-response-cost")).isEqualTo("0.0");
        assertThat(E2eClient.header(other, "x-litellm-response-cost")).isNotEqualTo("0.0");
        double spend = awaitSpend(key, 0.04);
        Thread.sleep(500);
        assertThat(spend(key))
                .as("two calls charged, the hit not")
                .isCloseTo(spend, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(spend).isCloseTo(0.04, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void a_key_may_send_only_the_cache_controls_it_is_allowed() throws Exception {
        JsonObject generate = new JsonObject().put("allowed_cache_controls", new JsonArray().add("no-cache"));
        String key = new JsonObject(post(a, "/key/generate", generate, MASTER).body()).getString("key");
        JsonObject allowed = chatBody("gpt-4o", prompt()).put("cache", new JsonObject().put("no-cache", true));
        JsonObject refused = chatBody("gpt-4o", prompt())
                .put("cache", new JsonObject().put("no-cache", true).put("ttl", 60));

        HttpResponse<String> passed = post(b, "/v1/chat/completions", allowed, key);
        HttpResponse<String> stopped = post(b, "/v1/chat/completions", refused, key);
        HttpResponse<String> byMaster = post(b, "/v1/chat/completions", refused, MASTER);

        assertThat(passed.statusCode()).as(passed.body()).isEqualTo(200);
        assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(403);
        JsonObject error = new JsonObject(stopped.body()).getJsonObject("error");
        assertThat(error.getString("message"))
                .isEqualTo("Not allowed to set ttl as a cache control. Contact admin to change permissions.");
        assertThat(byMaster.statusCode()).as(byMaster.body()).isEqualTo(200);
        assertThat(upstreamCalls(CHAT)).isEqualTo(2);
        HttpResponse<String> info = b.get("/key/info?key=" + key, "authorization", "Bearer " + MASTER);
        assertThat(new JsonObject(info.body()).getJsonObject("info").getJsonArray("allowed_cache_controls"))
                .containsExactly("no-cache");
    }

    private static double spend(String key) throws Exception {
        HttpResponse<String> info = a.get("/key/info?key=" + key, "authorization", "Bearer " + MASTER);
        assertThat(info.statusCode()).as(info.body()).isEqualTo(200);
        return new JsonObject(info.body()).getJsonObject("info").getDouble("spend");
    }

    private static double awaitSpend(String key, double expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        double seen = spend(key);
        while (seen < expected - 1e-9 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            seen = spend(key);
        }
        return seen;
    }

    @Test
    void cache_ping_delete_and_flushall_act_on_the_whole_cluster() throws Exception {
        HttpResponse<String> ping = b.get("/cache/ping", "authorization", "Bearer " + MASTER);
        assertThat(ping.statusCode()).as(ping.body()).isEqualTo(200);
        JsonObject pinged = new JsonObject(ping.body());
        assertThat(pinged.getString("status")).isEqualTo("healthy");
        assertThat(pinged.getString("cache_type")).isEqualTo("redis");

        String prompt = prompt();
        String key = E2eClient.header(
                post(a, "/v1/chat/completions", chatBody("gpt-4o", prompt), MASTER), "x-litellm-cache-key");
        HttpResponse<String> deleted =
                post(b, "/cache/delete", new JsonObject().put("keys", new JsonArray().add(key)), MASTER);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(new JsonObject(deleted.body()).getString("status")).isEqualTo("success");
        post(a, "/v1/chat/completions", chatBody("gpt-4o", prompt), MASTER);
        assertThat(upstreamCalls(CHAT)).as("deleted on b, missed on a").isEqualTo(2);

        HttpResponse<String> flushed = post(a, "/cache/flushall", new JsonObject(), MASTER);
        assertThat(flushed.statusCode()).as(flushed.body()).isEqualTo(200);
        post(b, "/v1/chat/completions", chatBody("gpt-4o", prompt), MASTER);
        assertThat(upstreamCalls(CHAT)).as("flushed on a, missed on b").isEqualTo(3);
    }

    @Test
    void the_cache_routes_need_the_master_key_and_a_list_of_keys() throws Exception {
        String key = new JsonObject(
                        post(a, "/key/generate", new JsonObject(), MASTER).body())
                .getString("key");
        assertThat(b.get("/cache/ping", "authorization", "Bearer " + key).statusCode())
                .isEqualTo(401);
        assertThat(post(b, "/cache/flushall", new JsonObject(), key).statusCode())
                .isEqualTo(401);

        HttpResponse<String> noKeys = post(a, "/cache/delete", new JsonObject().put("keys", "abc"), MASTER);
        assertThat(noKeys.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(noKeys.body()).getJsonObject("error").getString("param"))
                .isEqualTo("keys");
    }
}
