package dev.junction.router.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cluster.bus.Cancellation;
import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.RoutedReply;
import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.cache.LocalResponseStore;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.ConfigParser;
import dev.junction.config.Deployment;
import dev.junction.config.JunctionConfig;
import dev.junction.router.resolve.ModelResolver;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cache in front of a router, on one node's store: the router here is a function that counts its calls and
 * answers like a provider after a short delay.
 */
class ResponseCacheTest {
    private final Vertx vertx = Vertx.vertx();
    private final AtomicInteger routed = new AtomicInteger();
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private String nextAnswer = "The answer";
    private boolean failNext;
    private Function<LlmRequest, Future<RoutedReply>> cached;
    private ModelResolver resolver;

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void start(JsonObject cacheParams) {
        JsonObject document = new JsonObject()
                .put(
                        "model_list",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("model_name", "gpt-4o")
                                        .put("litellm_params", new JsonObject().put("model", "openai/gpt-4o"))))
                .put("litellm_settings", new JsonObject().put("cache", true).put("cache_params", cacheParams));
        JunctionConfig config = new ConfigParser().parse(document, Map.of(), "test");
        resolver = ModelResolver.of(config);
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        ResponseCache cache = new ResponseCache(
                vertx,
                config.cache(),
                new CacheStores(new LocalResponseStore(config.cache().maxBytesPerNode()), null),
                () -> resolver,
                request -> Future.failedFuture("no embeddings here"),
                clock);
        cached = cache.around(this::provider);
    }

    /** Answers after 100 ms, as a provider would. */
    private Future<RoutedReply> provider(LlmRequest request) {
        routed.incrementAndGet();
        boolean fail = failNext;
        failNext = false;
        String text = nextAnswer;
        Deployment deployment =
                resolver.resolve("gpt-4o").orElseThrow().deployments().get(0);
        return vertx.timer(100).compose(v -> {
            if (fail) {
                return Future.failedFuture(GatewayException.of(ErrorKind.RATE_LIMITED, "upstream said 429"));
            }
            JsonObject body = new JsonObject()
                    .put("id", "chatcmpl-" + UUID.randomUUID())
                    .put("object", "chat.completion")
                    .put("model", "gpt-4o")
                    .put(
                            "choices",
                            new JsonArray()
                                    .add(new JsonObject()
                                            .put("index", 0)
                                            .put(
                                                    "message",
                                                    new JsonObject()
                                                            .put("role", "assistant")
                                                            .put("content", text))
                                            .put("finish_reason", "stop")))
                    .put(
                            "usage",
                            new JsonObject()
                                    .put("prompt_tokens", 3)
                                    .put("completion_tokens", 4)
                                    .put("total_tokens", 7));
            return Future.succeededFuture(new RoutedReply(
                    new ProviderReply.Complete(body.toBuffer(), new Usage(3, 4, 7), "stop"),
                    deployment,
                    "gpt-4o",
                    0,
                    0,
                    1_000_000,
                    Map.of()));
        });
    }

    private static LlmRequest request(JsonObject body) {
        return new LlmRequest(
                UUID.randomUUID().toString(),
                Endpoint.CHAT_COMPLETIONS,
                body.getString("model"),
                body,
                null,
                false,
                null,
                new Cancellation(),
                System.nanoTime());
    }

    private static JsonObject chat(String text) {
        return new JsonObject()
                .put("model", "gpt-4o")
                .put(
                        "messages",
                        new JsonArray().add(new JsonObject().put("role", "user").put("content", text)));
    }

    private RoutedReply call(JsonObject body) throws Exception {
        return await(cached.apply(request(body)));
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static String content(RoutedReply reply) {
        Buffer body = ((ProviderReply.Complete) reply.reply()).body();
        return new JsonObject(body)
                .getJsonArray("choices")
                .getJsonObject(0)
                .getJsonObject("message")
                .getString("content");
    }

    @Test
    void a_repeated_request_is_answered_from_the_cache_at_no_cost() throws Exception {
        start(new JsonObject().put("type", "local"));
        RoutedReply miss = call(chat("hi"));
        RoutedReply hit = call(chat("hi"));

        assertThat(routed).hasValue(1);
        assertThat(miss.cacheHit()).isFalse();
        assertThat(hit.cacheHit()).isTrue();
        assertThat(((ProviderReply.Complete) hit.reply()).body())
                .isEqualTo(((ProviderReply.Complete) miss.reply()).body());
        assertThat(hit.headers())
                .containsEntry("x-litellm-response-cost", "0.0")
                .containsEntry("x-litellm-cache-key", miss.headers().get("x-litellm-cache-key"));
        assertThat(hit.deployment().id()).isEqualTo(miss.deployment().id());
        assertThat(hit.upstreamNanos()).isZero();
    }

    @Test
    void identical_misses_at_once_call_the_provider_once() throws Exception {
        start(new JsonObject().put("type", "local"));
        List<Future<RoutedReply>> calls = new ArrayList<>();
        vertx.runOnContext(v -> {
            for (int i = 0; i < 5; i++) {
                calls.add(cached.apply(request(chat("together"))));
            }
        });
        Thread.sleep(50);
        await(Future.all(calls));

        assertThat(routed).hasValue(1);
        assertThat(calls).allSatisfy(call -> assertThat(content(call.result())).isEqualTo("The answer"));
        assertThat(calls.stream().filter(call -> call.result().cacheHit())).hasSize(4);
    }

    @Test
    void a_failed_fill_lets_the_next_identical_request_call_the_provider_at_once() throws Exception {
        // A fill marker left behind would make the next request wait the whole minute.
        start(new JsonObject().put("type", "local").put("fill_wait_seconds", 60));
        failNext = true;
        assertThatThrownBy(() -> call(chat("flaky"))).isInstanceOf(ExecutionException.class);

        assertThat(content(call(chat("flaky")))).isEqualTo("The answer");
        assertThat(routed).hasValue(2);
    }

    @Test
    void default_off_caches_only_the_requests_that_ask() throws Exception {
        start(new JsonObject().put("type", "local").put("mode", "default_off"));
        call(chat("opt"));
        call(chat("opt"));
        assertThat(routed).as("not asked").hasValue(2);

        JsonObject asking = chat("opt").put("cache", new JsonObject().put("use-cache", true));
        call(asking);
        assertThat(call(asking).cacheHit()).isTrue();
        assertThat(routed).hasValue(3);
    }

    @Test
    void caching_false_skips_the_cache_altogether() throws Exception {
        start(new JsonObject().put("type", "local"));
        call(chat("skip").put("caching", false));
        call(chat("skip").put("caching", false));
        RoutedReply plain = call(chat("skip"));

        assertThat(routed).hasValue(3);
        assertThat(plain.cacheHit()).isFalse();
    }

    @Test
    void s_maxage_refuses_an_answer_older_than_asked() throws Exception {
        start(new JsonObject().put("type", "local"));
        call(chat("aged"));
        now = now.plusSeconds(30);

        assertThat(call(chat("aged").put("cache", new JsonObject().put("s-maxage", 60)))
                        .cacheHit())
                .isTrue();
        assertThat(call(chat("aged").put("cache", new JsonObject().put("s-maxage", 10)))
                        .cacheHit())
                .isFalse();
        assertThat(routed).hasValue(2);
    }

    @Test
    void an_empty_answer_is_not_kept() throws Exception {
        start(new JsonObject().put("type", "local"));
        nextAnswer = "";
        call(chat("empty"));
        nextAnswer = "Now with text";
        assertThat(content(call(chat("empty")))).isEqualTo("Now with text");
        assertThat(routed).hasValue(2);
    }

    @Test
    void an_answer_over_max_size_per_item_is_not_kept() throws Exception {
        start(new JsonObject().put("type", "local").put("max_size_per_item", 1));
        nextAnswer = "x".repeat(2048);
        call(chat("big"));
        call(chat("big"));
        assertThat(routed).hasValue(2);
    }

    @Test
    void a_zero_ttl_stores_nothing() throws Exception {
        start(new JsonObject().put("type", "local"));
        call(chat("brief").put("cache", new JsonObject().put("ttl", 0)));
        assertThat(call(chat("brief")).cacheHit()).isFalse();
        assertThat(routed).hasValue(2);
    }

    @Test
    void call_types_left_out_of_supported_call_types_pass_through() throws Exception {
        start(new JsonObject().put("type", "local").put("supported_call_types", new JsonArray().add("embedding")));
        call(chat("not chat"));
        RoutedReply second = call(chat("not chat"));
        assertThat(second.cache()).as("chat is not a supported call type").isNull();
        assertThat(routed).hasValue(2);
    }

    @Test
    void malformed_controls_are_a_bad_request_naming_the_field() {
        start(new JsonObject().put("type", "local"));
        assertThatThrownBy(() -> call(chat("bad").put("cache", new JsonObject().put("no-store", "maybe"))))
                .cause()
                .isInstanceOfSatisfying(GatewayException.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(ErrorKind.BAD_REQUEST);
                    assertThat(failure.getMessage()).contains("cache.no-store");
                });
        assertThat(routed).hasValue(0);
    }
}
