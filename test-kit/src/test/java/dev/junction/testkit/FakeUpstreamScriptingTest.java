package dev.junction.testkit;

import static dev.junction.testkit.TestClient.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class FakeUpstreamScriptingTest {
    private FakeUpstream upstream;
    private TestClient client;

    @BeforeEach
    void start(Vertx vertx) {
        upstream = await(FakeUpstream.start(vertx));
        client = new TestClient(vertx, upstream);
    }

    @AfterEach
    void stop() {
        await(upstream.close());
    }

    @Test
    void listens_on_a_real_port_of_loopback() {
        assertThat(upstream.port()).isPositive();
        assertThat(upstream.baseUrl()).isEqualTo("http://127.0.0.1:" + upstream.port());
    }

    @Test
    void answers_scripted_json_with_status_and_headers() {
        upstream.on(OpenAiWire.CHAT_PATH).reply(OpenAiWire.rateLimited(Duration.ofMillis(1500)));

        TestClient.Reply reply = client.post(OpenAiWire.CHAT_PATH, "{}");

        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.headers().get("retry-after")).isEqualTo("2");
        assertThat(reply.headers().get("content-type")).isEqualTo("application/json");
        assertThat(reply.json().getJsonObject("error").getString("code")).isEqualTo("rate_limit_exceeded");
    }

    @Test
    void plays_queued_answers_in_order_then_the_standing_answer() {
        upstream.on(OpenAiWire.CHAT_PATH)
                .reply(OpenAiWire.serverError(), OpenAiWire.serviceUnavailable())
                .replyAlways(OpenAiWire.chat("gpt-4o").answer());

        assertThat(client.post(OpenAiWire.CHAT_PATH, "{}").status()).isEqualTo(500);
        assertThat(client.post(OpenAiWire.CHAT_PATH, "{}").status()).isEqualTo(503);
        assertThat(client.post(OpenAiWire.CHAT_PATH, "{}").status()).isEqualTo(200);
        assertThat(client.post(OpenAiWire.CHAT_PATH, "{}").status()).isEqualTo(200);
        assertThat(upstream.on(OpenAiWire.CHAT_PATH).pending()).isZero();
    }

    @Test
    void answers_404_in_openai_format_on_unscripted_paths_and_used_up_scripts() {
        upstream.on(OpenAiWire.EMBEDDINGS_PATH).reply(Answer.json(200, OpenAiWire.embeddings("e", 1, 3)));

        TestClient.Reply unscripted = client.post("/v1/nothing?x=1", "{}");
        assertThat(client.post(OpenAiWire.EMBEDDINGS_PATH, "{}").status()).isEqualTo(200);
        TestClient.Reply usedUp = client.post(OpenAiWire.EMBEDDINGS_PATH, "{}");

        assertThat(unscripted.status()).isEqualTo(404);
        assertThat(unscripted.json())
                .isEqualTo(OpenAiWire.errorBody("Invalid URL (POST /v1/nothing)", "invalid_request_error", null, null));
        assertThat(usedUp.status()).isEqualTo(404);
        assertThat(upstream.requests()).hasSize(3);
    }

    @Test
    void records_method_uri_query_headers_and_body() {
        String path = AzureWire.chatPath("gpt4o-eu");
        upstream.on(path).reply(AzureWire.chat("gpt-4o").answer());
        JsonObject body = new JsonObject().put("messages", "hi");

        client.post(
                path + "?api-version=" + AzureWire.API_VERSION,
                MultiMap.caseInsensitiveMultiMap().add("api-key", "secret"),
                body.encode());

        RecordedRequest recorded = upstream.lastRequest();
        assertThat(recorded.method()).isEqualTo(HttpMethod.POST);
        assertThat(recorded.path()).isEqualTo(path);
        assertThat(recorded.uri()).isEqualTo(path + "?api-version=2024-10-21");
        assertThat(recorded.param("api-version")).isEqualTo("2024-10-21");
        assertThat(recorded.header("API-Key")).isEqualTo("secret");
        assertThat(recorded.bodyAsJson()).isEqualTo(body);
        assertThat(upstream.requests()).containsExactly(recorded);
        assertThat(upstream.requests(path)).containsExactly(recorded);
        assertThat(upstream.requests("/other")).isEmpty();
    }

    @Test
    void next_request_waits_for_a_request_not_yet_sent_and_walks_in_order() {
        var first = upstream.nextRequest();
        assertThat(first.isComplete()).isFalse();

        client.post("/one", "1");
        client.post("/two", "2");

        assertThat(await(first).path()).isEqualTo("/one");
        assertThat(await(upstream.nextRequest()).path()).isEqualTo("/two");
        assertThat(upstream.nextRequest().isComplete()).isFalse();
    }

    @Test
    void delayed_answer_arrives_after_the_delay() {
        upstream.on("/slow").reply(Answer.delayed(Duration.ofMillis(300), OpenAiWire.serverError()));

        long start = System.nanoTime();
        TestClient.Reply reply = client.post("/slow", "{}");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(reply.status()).isEqualTo(500);
    }

    @Test
    void header_on_a_delayed_answer_reaches_the_wrapped_answer() {
        upstream.on("/slow")
                .reply(Answer.delayed(Duration.ofMillis(10), Answer.raw(502, "text/html", "<html/>"))
                        .header("x-upstream", "proxy"));

        TestClient.Reply reply = client.post("/slow", "{}");

        assertThat(reply.status()).isEqualTo(502);
        assertThat(reply.headers().get("x-upstream")).isEqualTo("proxy");
        assertThat(reply.body()).isEqualTo("<html/>");
    }

    @Test
    void reset_forgets_scripts_and_recordings() {
        upstream.on("/a").replyAlways(OpenAiWire.serverError());
        client.post("/a", "{}");

        upstream.reset();

        assertThat(upstream.requests()).isEmpty();
        assertThat(client.post("/a", "{}").status()).isEqualTo(404);
    }
}
