package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.openai.client.OpenAIClient;
import com.openai.errors.BadRequestException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.testkit.FakeUpstream;
import dev.junction.testkit.OpenAiWire;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Authentication, malformed requests and the public health routes: clean 4xx answers, never a hang or a 500. */
class RequestValidationIT {
    private static final String AUTH = "Bearer sk-master-e2e";
    private static GatewayHarness gateway;
    /** Where a request tries to send the call (and the deployment's key): it must never hear from the gateway. */
    private static FakeUpstream listener;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayHarness.start("/e2e/gateway.yaml");
        listener = GatewayHarness.await(FakeUpstream.start(gateway.vertx));
    }

    @AfterAll
    static void stop() throws Exception {
        GatewayHarness.await(listener.close());
        gateway.close();
    }

    private static JsonObject error(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        return new JsonObject(response.body()).getJsonObject("error");
    }

    @Test
    void health_routes_are_public_and_readiness_reports_the_cluster() throws Exception {
        HttpResponse<String> live = gateway.get("/health/liveliness");
        HttpResponse<String> ready = gateway.get("/health/readiness");

        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(ready.statusCode()).isEqualTo(200);
        JsonObject readiness = new JsonObject(ready.body());
        assertThat(readiness.getString("status")).isEqualTo("healthy");
        assertThat(readiness.getInteger("cluster_members")).isEqualTo(1);
    }

    @Test
    void a_missing_or_wrong_key_is_refused_with_401_through_the_sdk() {
        OpenAIClient wrong = gateway.openAi("sk-not-the-master");
        try {
            UnauthorizedException error = catchThrowableOfType(UnauthorizedException.class, () -> wrong.chat()
                    .completions()
                    .create(ChatCompletionCreateParams.builder()
                            .model("canned")
                            .addUserMessage("hi")
                            .build()));
            assertThat(error.statusCode()).isEqualTo(401);
            assertThat(error.getMessage()).doesNotContain("sk-not-the-master").doesNotContain("sk-master-e2e");
        } finally {
            wrong.close();
        }
    }

    @Test
    void every_route_but_health_needs_the_key_in_any_of_litellms_headers() throws Exception {
        String body = "{\"model\":\"canned\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

        assertThat(gateway.get("/v1/models").statusCode()).isEqualTo(401);
        assertThat(error(gateway.post("/v1/chat/completions", body)).getString("message"))
                .contains("No api key passed in");
        assertThat(gateway.post("/v1/chat/completions", body, "authorization", "Token x")
                        .statusCode())
                .isEqualTo(401);
        assertThat(gateway.post("/v1/chat/completions", body, "x-litellm-api-key", "sk-master-e2e")
                        .statusCode())
                .isEqualTo(200);
        assertThat(gateway.post("/v1/chat/completions", body, "api-key", "sk-master-e2e")
                        .statusCode())
                .isEqualTo(200);
        assertThat(gateway.post("/v1/chat/completions", body, "x-api-key", "sk-master-e2e")
                        .statusCode())
                .isEqualTo(200);
        assertThat(gateway.get("/v1/models", "authorization", AUTH).statusCode())
                .isEqualTo(200);
    }

    @Test
    void malformed_json_and_missing_or_mistyped_fields_are_400s_naming_the_field() throws Exception {
        assertThat(error(gateway.post("/v1/chat/completions", "{not json", "authorization", AUTH))
                        .getString("message"))
                .contains("not valid JSON");
        JsonObject noModel = error(gateway.post(
                "/v1/chat/completions",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "authorization",
                AUTH));
        JsonObject badMessages = error(gateway.post(
                "/v1/chat/completions", "{\"model\":\"canned\",\"messages\":\"hi\"}", "authorization", AUTH));
        JsonObject noInput = error(gateway.post("/v1/embeddings", "{\"model\":\"canned\"}", "authorization", AUTH));
        JsonObject badStream = error(gateway.post(
                "/v1/chat/completions",
                "{\"model\":\"canned\",\"stream\":\"yes\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "authorization",
                AUTH));

        assertThat(noModel.getString("param")).isEqualTo("model");
        assertThat(noModel.getString("code")).isEqualTo("400");
        assertThat(badMessages.getString("param")).isEqualTo("messages");
        assertThat(noInput.getString("param")).isEqualTo("input");
        assertThat(badStream.getString("param")).isEqualTo("stream");
    }

    @Test
    void a_malformed_num_retries_is_a_400_before_any_call() throws Exception {
        for (String value : List.of("\"lots\"", "-1", "1.5", "[3]")) {
            HttpResponse<String> response = gateway.post(
                    "/v1/chat/completions",
                    "{\"model\":\"canned\",\"num_retries\":" + value
                            + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                    "authorization",
                    AUTH);
            assertThat(response.statusCode()).as(value).isEqualTo(400);
            assertThat(error(response).getString("param")).isEqualTo("num_retries");
        }
    }

    @Test
    void an_unknown_model_is_a_400_naming_it() {
        OpenAIClient client = gateway.openAi("sk-master-e2e");
        try {
            BadRequestException error = catchThrowableOfType(BadRequestException.class, () -> client.chat()
                    .completions()
                    .create(ChatCompletionCreateParams.builder()
                            .model("no-such-model")
                            .addUserMessage("hi")
                            .build()));
            assertThat(error.getMessage()).contains("model=no-such-model");
            assertThat(error.param()).contains("model");
        } finally {
            client.close();
        }
    }

    @Test
    void a_body_over_max_request_size_is_a_413() throws Exception {
        String huge = "x".repeat(80_000);
        HttpResponse<String> response = gateway.post(
                "/v1/chat/completions",
                "{\"model\":\"canned\",\"messages\":[{\"role\":\"user\",\"content\":\"" + huge + "\"}]}",
                "authorization",
                AUTH);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(error(response).getString("message")).contains("max_request_size_mb");
    }

    @Test
    void a_chunked_body_is_counted_as_it_comes_a_waiting_client_gets_100_continue_and_a_trailing_slash_is_served()
            throws Exception {
        String small = "{\"model\":\"canned\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        String huge =
                "{\"model\":\"canned\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(80_000) + "\"}]}";

        HttpResponse<String> accepted = gateway.postChunked("/v1/chat/completions", small, true, "authorization", AUTH);
        HttpResponse<String> refused = gateway.postChunked("/chat/completions", huge, false, "authorization", AUTH);

        HttpResponse<String> trailingSlash = gateway.post("/v1/chat/completions/", small, "authorization", AUTH);

        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(accepted.body()).getString("object")).isEqualTo("chat.completion");
        assertThat(trailingSlash.statusCode()).isEqualTo(200);
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(error(refused).getString("message")).contains("max_request_size_mb");
    }

    /**
     * A request for {@code llama} (no key) that fails over at once to {@code gpt-4o} (whose upstream key the
     * gateway holds), carrying {@code extra} fields that would point the call at the listener.
     */
    private static JsonObject fallingOverWith(JsonObject extra) {
        return new JsonObject()
                .put("model", "llama")
                .put("mock_testing_fallbacks", true)
                .put(
                        "messages",
                        new JsonArray().add(new JsonObject().put("role", "user").put("content", "hi")))
                .mergeIn(extra);
    }

    static Stream<Arguments> credentialsInEveryPlace() {
        String evil = "${LISTENER}/v1";
        JsonObject toGpt4o = new JsonObject().put("model", "gpt-4o");
        return Stream.of(
                Arguments.of("api_key", new JsonObject().put("api_key", "sk-stolen")),
                Arguments.of("base_url", new JsonObject().put("base_url", evil)),
                Arguments.of(
                        "fallbacks[0].api_base",
                        new JsonObject()
                                .put(
                                        "fallbacks",
                                        new JsonArray().add(toGpt4o.copy().put("api_base", evil)))),
                Arguments.of(
                        "fallbacks[1].base_url",
                        new JsonObject()
                                .put(
                                        "fallbacks",
                                        new JsonArray()
                                                .add("canned")
                                                .add(toGpt4o.copy().put("base_url", evil)))),
                Arguments.of(
                        "fallbacks[0].extra_headers",
                        new JsonObject()
                                .put(
                                        "fallbacks",
                                        new JsonArray()
                                                .add(toGpt4o.copy()
                                                        .put(
                                                                "extra_headers",
                                                                new JsonObject().put("x-forward", evil))))),
                Arguments.of(
                        "fallbacks[0].litellm_params.api_base",
                        new JsonObject()
                                .put(
                                        "fallbacks",
                                        new JsonArray()
                                                .add(toGpt4o.copy()
                                                        .put(
                                                                "litellm_params",
                                                                new JsonObject().put("api_base", evil))))),
                Arguments.of(
                        "metadata.api_base", new JsonObject().put("metadata", new JsonObject().put("api_base", evil))),
                Arguments.of(
                        "user_config",
                        new JsonObject().put("user_config", new JsonObject().put("model_list", new JsonArray()))),
                Arguments.of(
                        "aws_bedrock_runtime_endpoint", new JsonObject().put("aws_bedrock_runtime_endpoint", evil)),
                Arguments.of("headers", new JsonObject().put("headers", new JsonObject().put("authorization", "x"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("credentialsInEveryPlace")
    void credentials_and_endpoints_are_refused_wherever_they_are_and_nothing_is_sent(String param, JsonObject extra)
            throws Exception {
        gateway.upstream.reset();
        listener.reset();
        listener.on("/v1/chat/completions").replyAlways(OpenAiWire.ok("stolen"));
        String body = fallingOverWith(extra).encode().replace("${LISTENER}", listener.baseUrl());

        HttpResponse<String> response = gateway.post("/v1/chat/completions", body, "authorization", AUTH);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response).getString("param")).isEqualTo(param);
        assertThat(error(response).getString("message")).contains("allow_client_side_credentials");
        assertThat(response.body()).doesNotContain("sk-stolen", listener.baseUrl());
        assertThat(listener.requests()).as("the listener").isEmpty();
        assertThat(gateway.upstream.requests()).isEmpty();
    }

    @Test
    void the_azure_style_route_takes_the_model_from_the_path() throws Exception {
        HttpResponse<String> response = gateway.post(
                "/openai/deployments/canned/chat/completions?api-version=2024-10-21",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "api-key",
                "sk-master-e2e");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-litellm-model-group")).contains("canned");
    }

    @Test
    void unknown_routes_are_openai_shaped_404s() throws Exception {
        HttpResponse<String> response = gateway.get("/v1/nothing-here", "authorization", AUTH);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(error(response).getString("code")).isEqualTo("404");
    }

    @Test
    void requests_the_http_decoder_refuses_get_openai_shaped_errors_and_a_closed_connection() throws Exception {
        assertRefused("GET /health/liveliness HTTP/1.1\r\nHost: junction\r\nNot a header\r\n\r\n", 400);
        assertRefused("GET /" + "a".repeat(5000) + " HTTP/1.1\r\nHost: junction\r\n\r\n", 414);
        assertRefused(
                "GET /health/liveliness HTTP/1.1\r\nHost: junction\r\nX-Big: " + "a".repeat(70_000) + "\r\n\r\n", 431);
        assertRefused("GET /health/liveliness HTTP/9.9\r\nHost: junction\r\n\r\n", 501);
    }

    @Test
    void a_malformed_percent_escape_in_the_query_or_path_is_an_openai_shaped_400() throws Exception {
        // Each used to be a 500 "Internal error" (the query) or a plain-text "Bad Request" (the path).
        JsonObject query = rawError("GET /key/info?key=%ZZ HTTP/1.1", 400);
        assertThat(query.getString("param")).isEqualTo("key");
        assertThat(query.getString("message")).contains("key").contains("percent-encoding");
        assertThat(rawError("GET /v1/models?page=1&x=%E0%A4%A HTTP/1.1", 400).getString("param"))
                .isEqualTo("x");
        assertThat(rawError("POST /key/%ZZ/regenerate HTTP/1.1", 400).getString("type"))
                .isEqualTo("invalid_request_error");
    }

    /** The error of one request sent as raw bytes, which no HTTP client would send with a malformed escape. */
    private static JsonObject rawError(String requestLine, int status) throws Exception {
        try (RawConnection connection = RawConnection.open(gateway.node.port())) {
            String head = requestLine + "\r\nHost: junction\r\nAuthorization: " + AUTH
                    + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
            RawConnection.Ending ending = connection.send(head).readUntilClosed(Duration.ofSeconds(20));

            assertThat(ending.received()).startsWith("HTTP/1.1 " + status + " ");
            assertThat(ending.received()).containsIgnoringCase("content-type: application/json");
            JsonObject error = ending.body().getJsonObject("error");
            assertThat(error.getString("code")).isEqualTo(Integer.toString(status));
            return error;
        }
    }

    @Test
    void a_malformed_chunked_body_is_a_400_and_the_connection_closes() throws Exception {
        assertRefused(
                "POST /v1/chat/completions HTTP/1.1\r\nHost: junction\r\nAuthorization: " + AUTH
                        + "\r\nTransfer-Encoding: chunked\r\n\r\nnot-hex\r\n{}\r\n",
                400);
    }

    @Test
    void a_tls_hello_on_the_plain_port_is_refused_at_once_not_held_until_the_header_timeout() throws Exception {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine("localhost", gateway.node.port());
        engine.setUseClientMode(true);
        ByteBuffer hello = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.beginHandshake();
        engine.wrap(ByteBuffer.allocate(0), hello);
        byte[] bytes = new byte[hello.flip().remaining()];
        hello.get(bytes);

        try (RawConnection connection = RawConnection.open(gateway.node.port())) {
            RawConnection.Ending ending = connection.send(bytes).readUntilClosed(Duration.ofSeconds(10));

            // The default client_header_timeout is 60 s: only a prompt refusal ends the connection this soon. The
            // hello holds a line feed (in its supported_groups extension), so the decoder refuses it as a request.
            assertThat(ending.closed()).isTrue();
            assertThat(ending.received()).matches("(?s)HTTP/1\\.[01] 400 .*");
            assertThat(ending.body().getJsonObject("error").getString("code")).isEqualTo("400");
        }
    }

    /** Sends {@code request} as bytes: the answer has {@code status} in OpenAI's shape, then the server closes. */
    private static void assertRefused(String request, int status) throws Exception {
        try (RawConnection connection = RawConnection.open(gateway.node.port())) {
            RawConnection.Ending ending = connection.send(request).readUntilClosed(Duration.ofSeconds(20));

            assertThat(ending.closed()).as("closed after a %d", status).isTrue();
            // The status line echoes the request's version, even one Vert.x does not speak.
            assertThat(ending.received()).matches("(?s)HTTP/\\d\\.\\d " + status + " .*");
            JsonObject error = ending.body().getJsonObject("error");
            assertThat(error.getString("code")).isEqualTo(Integer.toString(status));
            assertThat(error.getString("message")).isNotBlank();
        }
    }
}
