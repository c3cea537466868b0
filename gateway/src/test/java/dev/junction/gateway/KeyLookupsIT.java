package dev.junction.gateway;

import static dev.junction.gateway.E2eClient.chatBody;
import static dev.junction.gateway.E2eClient.error;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.junction.gateway.keys.KeyHashes;
import dev.junction.gateway.keys.store.DatabaseProxy;
import dev.junction.gateway.keys.store.TestPostgres;
import dev.junction.testkit.OpenAiWire;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;

/**
 * How a node looks keys up in a real PostgreSQL database, reached through a proxy that counts the node's
 * queries and can take the database away: unknown keys cost the database one query, not one per request, and
 * an outage gives quick 503s instead of slow 500s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeyLookupsIT {
    private static final String MASTER = KeysContract.MASTER;
    /** How long a node remembers that a key does not exist (KeyDirectory's negative cache). */
    private static final Duration MISSING_FOR = Duration.ofSeconds(10);

    private Vertx proxyVertx;
    private DatabaseProxy database;
    private GatewayHarness gateway;

    @BeforeAll
    void start() throws Exception {
        proxyVertx = Vertx.vertx();
        String url = TestPostgres.newDatabase();
        database = DatabaseProxy.to(proxyVertx, url);
        gateway = GatewayHarness.start(
                "/e2e/keys.yaml",
                Map.of("DATABASE", "database_url: \"" + database.through(url) + "\""),
                "junction-lookups-" + UUID.randomUUID(),
                null);
        gateway.upstream
                .on("/cheap/v1/chat/completions")
                .replyAlways(OpenAiWire.chat("gpt-4o").usage(10, 5).answer());
    }

    @AfterAll
    void stop() throws Exception {
        try {
            gateway.close();
        } finally {
            database.close();
            GatewayHarness.await(proxyVertx.close());
        }
    }

    private HttpResponse<String> chatAs(String key) throws Exception {
        return gateway.post("/v1/chat/completions", chatBody("cheap").encode(), "authorization", "Bearer " + key);
    }

    private HttpResponse<String> generate(JsonObject settings) throws Exception {
        return gateway.post("/key/generate", settings.encode(), "authorization", "Bearer " + MASTER);
    }

    @Test
    @Order(1)
    void a_thousand_concurrent_calls_with_one_unknown_key_query_the_database_once() throws Exception {
        String key = "sk-unknown-" + UUID.randomUUID();
        AtomicInteger queries = database.watch(KeyHashes.token(key));
        ExecutorService clients = Executors.newFixedThreadPool(50);
        long started = System.nanoTime();
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                statuses.add(clients.submit(() -> chatAs(key).statusCode()));
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get(60, TimeUnit.SECONDS)).isEqualTo(401);
            }
        } finally {
            clients.shutdownNow();
        }
        long elapsed = System.nanoTime() - started;
        System.out.printf(
                "KeyLookupsIT: 1,000 calls with one unknown key (50 at a time, %d ms): %d store queries%n",
                TimeUnit.NANOSECONDS.toMillis(elapsed), queries.get());
        // One query, and one more each time the node's memory of the missing key expired during the run.
        assertThat(queries.get()).isBetween(1, 1 + (int) (elapsed / MISSING_FOR.toNanos()));
    }

    @Test
    @Order(2)
    void a_key_refused_as_unknown_works_as_soon_as_it_is_made() throws Exception {
        String key = "sk-made-later-" + UUID.randomUUID();
        assertThat(chatAs(key).statusCode()).isEqualTo(401);
        assertThat(generate(new JsonObject().put("key", key)).statusCode()).isEqualTo(200);
        assertThat(chatAs(key).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void a_database_outage_gives_quick_503s_logged_once_and_the_node_recovers() throws Exception {
        String known = new JsonObject(generate(new JsonObject()).body()).getString("key");
        assertThat(chatAs(known).statusCode()).isEqualTo(200);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        database.stop();
        try {
            long started = System.nanoTime();
            HttpResponse<String> first = chatAs("sk-during-outage-" + UUID.randomUUID());
            long firstMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertThat(first.statusCode()).as(first.body()).isEqualTo(503);
            assertThat(error(first).getString("type")).isEqualTo("service_unavailable_error");
            assertThat(error(first).getString("message")).contains("key store");
            assertThat(first.body()).doesNotContain("Exception").doesNotContain("sk-during-outage");
            // Hikari alone waited 10 s for a connection before: the lookup is bounded to a few seconds.
            assertThat(firstMillis).isLessThan(6_000);

            long othersStarted = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> next = chatAs("sk-during-outage-" + UUID.randomUUID());
                assertThat(next.statusCode()).as(next.body()).isEqualTo(503);
                assertThat(next.headers().firstValue("retry-after")).isPresent();
            }
            long othersMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - othersStarted);
            System.out.printf(
                    "KeyLookupsIT: database down: first 503 after %d ms, 20 more unknown keys in %d ms%n",
                    firstMillis, othersMillis);
            // Keys the node already knows keep working through the outage.
            assertThat(chatAs(known).statusCode()).isEqualTo(200);
            HttpResponse<String> admin = generate(new JsonObject());
            assertThat(admin.statusCode()).as(admin.body()).isEqualTo(503);
        } finally {
            database.restart();
            root.detachAppender(logs);
        }
        assertThat(logs.list)
                .as("no request logged an unexpected failure")
                .noneMatch(event -> event.getLevel() == Level.ERROR
                        && event.getLoggerName().startsWith("dev.junction.gateway.http"));
        assertThat(logs.list.stream()
                        .filter(event -> event.getLoggerName().startsWith("dev.junction.gateway.keys")
                                && event.getLevel().isGreaterOrEqual(Level.WARN)
                                && event.getFormattedMessage().contains("key store")
                                && !event.getLoggerName().contains("SpendWriter")))
                .as("the outage is logged once, without a stack trace")
                .singleElement()
                .satisfies(event -> assertThat(event.getThrowableProxy()).isNull());

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int status = chatAs("sk-after-outage-" + UUID.randomUUID()).statusCode();
        while (status != 401 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            status = chatAs("sk-after-outage-" + UUID.randomUUID()).statusCode();
        }
        assertThat(status)
                .as("unknown keys are told apart again once the database is back")
                .isEqualTo(401);
        HttpResponse<String> made = generate(new JsonObject());
        assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
        assertThat(chatAs(new JsonObject(made.body()).getString("key")).statusCode())
                .isEqualTo(200);
    }
}
