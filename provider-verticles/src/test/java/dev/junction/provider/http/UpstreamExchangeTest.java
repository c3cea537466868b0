package dev.junction.provider.http;

import static dev.junction.provider.WireFixtures.OPENAI_KEY;
import static dev.junction.provider.WireFixtures.buffer;
import static dev.junction.provider.WireFixtures.call;
import static dev.junction.provider.WireFixtures.dataFrames;
import static dev.junction.provider.WireFixtures.openAi;
import static dev.junction.provider.WireFixtures.split;
import static dev.junction.provider.WireFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cluster.bus.ChunkStream;
import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.ProviderFamily;
import dev.junction.provider.ProviderAdapter;
import dev.junction.provider.StreamTranslator;
import dev.junction.provider.UpstreamRequest;
import dev.junction.provider.openai.OpenAiAdapter;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link UpstreamExchange} against a real HTTP server standing in for OpenAI, on a dynamic port. */
@ExtendWith(VertxExtension.class)
class UpstreamExchangeTest {
    private static final BreakerSettings BREAKER =
            new BreakerSettings(3, Duration.ofSeconds(10), Duration.ofSeconds(30));

    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicReference<HttpServerRequest> lastRequest = new AtomicReference<>();
    private volatile Handler<HttpServerRequest> upstream;
    private HttpServer server;
    private HttpClientAgent client;
    private UpstreamExchange exchange;

    @BeforeEach
    void start(Vertx vertx, VertxTestContext test) {
        client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(2_000));
        exchange = new UpstreamExchange(vertx, client, new OpenAiAdapter(), new Breakers(vertx, BREAKER));
        vertx.createHttpServer()
                .requestHandler(request -> {
                    hits.incrementAndGet();
                    lastRequest.set(request);
                    upstream.handle(request);
                })
                .listen(0)
                .onComplete(test.succeeding(listening -> {
                    server = listening;
                    test.completeNow();
                }));
    }

    @AfterEach
    void stop(VertxTestContext test) {
        client.close().compose(v -> server.close()).onComplete(test.succeedingThenComplete());
    }

    @Test
    void a_200_json_answer_comes_back_byte_for_byte_with_its_usage(VertxTestContext test) {
        Promise<Buffer> received = Promise.promise();
        upstream = request -> request.body().onSuccess(body -> {
            received.complete(body);
            request.response().putHeader("content-type", "application/json").end(buffer("openai/chat.response.json"));
        });
        Buffer sent = buffer("openai/chat.request.json");

        exchange.execute(call(Endpoint.CHAT_COMPLETIONS, sent, deployment()))
                .onComplete(test.succeeding(reply -> test.verify(() -> {
                    ProviderReply.Complete complete = (ProviderReply.Complete) reply;
                    assertThat(complete.body().getBytes())
                            .isEqualTo(buffer("openai/chat.response.json").getBytes());
                    assertThat(complete.usage()).isEqualTo(new Usage(20, 2, 22));
                    assertThat(complete.finishReason()).isEqualTo("stop");
                    HttpServerRequest request = lastRequest.get();
                    assertThat(request.path()).isEqualTo("/v1/chat/completions");
                    assertThat(request.getHeader("authorization")).isEqualTo("Bearer " + OPENAI_KEY);
                    assertThat(received.future().result().getBytes()).isEqualTo(sent.getBytes());
                    test.completeNow();
                })));
    }

    @Test
    void a_429_is_classified_with_its_retry_after(VertxTestContext test) {
        upstream = request -> request.response()
                .setStatusCode(429)
                .putHeader("retry-after", "7")
                .putHeader("content-type", "application/json")
                .end(buffer("openai/error-429-rate-limit-exceeded.json"));

        exchange.execute(chat())
                .onComplete(test.failing(failure -> test.verify(() -> {
                    GatewayException error = (GatewayException) failure;
                    assertThat(error.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
                    assertThat(error.retryAfter()).contains(Duration.ofSeconds(7));
                    assertThat(error.upstreamStatus()).isEqualTo(429);
                    assertThat(error.getMessage())
                            .startsWith("litellm.RateLimitError: OpenAIException - Rate limit reached");
                    test.completeNow();
                })));
    }

    @Test
    void an_upstream_that_never_answers_times_out_within_the_call_timeout(VertxTestContext test) {
        upstream = request -> {};
        long start = System.nanoTime();

        exchange.execute(call(
                        Endpoint.CHAT_COMPLETIONS,
                        buffer("openai/chat.request.json"),
                        deployment(),
                        Duration.ofMillis(300)))
                .onComplete(test.failing(failure -> test.verify(() -> {
                    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    assertThat(((GatewayException) failure).kind()).isEqualTo(ErrorKind.TIMEOUT);
                    assertThat(failure.getMessage()).startsWith("litellm.Timeout: OpenAIException - ");
                    assertThat(elapsedMs).isBetween(250L, 2_000L);
                    test.completeNow();
                })));
    }

    @Test
    void a_refused_connection_is_a_connection_error(Vertx vertx, VertxTestContext test) {
        vertx.createHttpServer()
                .requestHandler(request -> {})
                .listen(0)
                .compose(other -> {
                    int closedPort = other.actualPort();
                    return other.close().map(closedPort);
                })
                .compose(closedPort -> exchange.execute(call(
                        Endpoint.CHAT_COMPLETIONS,
                        buffer("openai/chat.request.json"),
                        openAi("gpt-4o-mini", new JsonObject(), "http://localhost:" + closedPort + "/v1"))))
                .onComplete(test.failing(failure -> test.verify(() -> {
                    assertThat(((GatewayException) failure).kind()).isEqualTo(ErrorKind.CONNECTION);
                    assertThat(failure.getMessage()).startsWith("litellm.APIConnectionError: OpenAIException - ");
                    test.completeNow();
                })));
    }

    @Test
    void cancelling_the_call_resets_the_upstream_request(VertxTestContext test) {
        Promise<Void> arrived = Promise.promise();
        Promise<Void> upstreamSawClose = Promise.promise();
        upstream = request -> {
            request.connection().closeHandler(v -> upstreamSawClose.tryComplete());
            arrived.complete();
        };
        ProviderCall call = chat();

        Future<ProviderReply> result = exchange.execute(call);
        arrived.future().onSuccess(v -> call.request().cancellation().cancel());

        Future.all(result.otherwiseEmpty(), upstreamSawClose.future())
                .onComplete(test.succeeding(v -> test.verify(() -> {
                    assertThat(result.failed()).isTrue();
                    assertThat(((GatewayException) result.cause()).kind()).isEqualTo(ErrorKind.CLIENT_CLOSED);
                    test.completeNow();
                })));
    }

    @Test
    void repeated_5xx_answers_open_the_circuit_and_the_next_call_never_reaches_the_server(VertxTestContext test) {
        upstream = request -> request.response().setStatusCode(500).end(buffer("openai/error-500.json"));

        callRepeatedly(BREAKER.maxFailures())
                .compose(kinds -> {
                    test.verify(() -> assertThat(kinds).containsOnly(ErrorKind.INTERNAL));
                    return exchange.execute(chat());
                })
                .onComplete(test.failing(failure -> test.verify(() -> {
                    assertThat(((GatewayException) failure).kind()).isEqualTo(ErrorKind.CIRCUIT_OPEN);
                    assertThat(failure.getMessage()).startsWith("litellm.ServiceUnavailableError: OpenAIException - ");
                    assertThat(hits).hasValue(BREAKER.maxFailures());
                    test.completeNow();
                })));
    }

    @Test
    void client_errors_never_open_the_circuit(VertxTestContext test) {
        upstream = request ->
                request.response().setStatusCode(400).end(buffer("openai/error-400-context-length-exceeded.json"));
        int calls = BREAKER.maxFailures() * 2;

        callRepeatedly(calls)
                .onComplete(test.succeeding(kinds -> test.verify(() -> {
                    assertThat(kinds).hasSize(calls).containsOnly(ErrorKind.CONTEXT_WINDOW_EXCEEDED);
                    assertThat(hits).hasValue(calls);
                    test.completeNow();
                })));
    }

    @Test
    void a_streamed_answer_arrives_as_the_upstream_frames_with_usage_and_one_end(Vertx vertx, VertxTestContext test) {
        String sse = text("openai/stream-include-usage.response.sse");
        upstream = request -> {
            request.response().setChunked(true).putHeader("content-type", "text/event-stream");
            writeSlowly(vertx, request, split(sse, 37), () -> request.response().end());
        };

        exchange.execute(streamingCall())
                .compose(reply -> read(((ProviderReply.Streaming) reply).stream()))
                .onComplete(test.succeeding(read -> test.verify(() -> {
                    assertThat(read.frames()).containsExactlyElementsOf(dataFrames(sse));
                    assertThat(read.usage()).isEqualTo(new Usage(20, 2, 22));
                    assertThat(read.ends()).isEqualTo(1);
                    test.completeNow();
                })));
    }

    @Test
    void an_upstream_dropping_mid_stream_ends_with_an_error_frame(Vertx vertx, VertxTestContext test) {
        List<String> frames = dataFrames(text("openai/stream-include-usage.response.sse"));
        upstream = request -> {
            request.response().setChunked(true).putHeader("content-type", "text/event-stream");
            request.response().write(frames.get(0) + frames.get(1));
            vertx.setTimer(100, t -> request.connection().close());
        };

        exchange.execute(streamingCall())
                .compose(reply -> read(((ProviderReply.Streaming) reply).stream()))
                .onComplete(test.succeeding(read -> test.verify(() -> {
                    assertThat(read.frames()).hasSize(3);
                    assertThat(read.frames().subList(0, 2)).containsExactlyElementsOf(frames.subList(0, 2));
                    assertErrorFrame(read.frames().get(2));
                    assertThat(read.ends()).isEqualTo(1);
                    assertThat(read.failure().kind())
                            .as("the call failed midway, whatever the client was sent")
                            .isEqualTo(ErrorKind.CONNECTION);
                    test.completeNow();
                })));
    }

    @Test
    void frames_read_before_a_drop_are_not_lost_when_the_client_attaches_late(Vertx vertx, VertxTestContext test) {
        List<String> frames = dataFrames(text("openai/stream-include-usage.response.sse"));
        upstream = request -> {
            request.response().setChunked(true).putHeader("content-type", "text/event-stream");
            request.response().write(frames.get(0) + frames.get(1)).onSuccess(v -> request.connection()
                    .close());
        };

        exchange.execute(streamingCall())
                .compose(reply -> {
                    Promise<Read> later = Promise.promise();
                    vertx.setTimer(300, t -> read(((ProviderReply.Streaming) reply).stream())
                            .onComplete(later));
                    return later.future();
                })
                .onComplete(test.succeeding(read -> test.verify(() -> {
                    assertThat(read.frames()).hasSize(3);
                    assertThat(read.frames().subList(0, 2)).containsExactlyElementsOf(frames.subList(0, 2));
                    assertErrorFrame(read.frames().get(2));
                    assertThat(read.ends()).isEqualTo(1);
                    test.completeNow();
                })));
    }

    @Test
    void a_drop_while_the_upstream_read_is_paused_keeps_every_frame_read_before_it(Vertx vertx, VertxTestContext test) {
        // More frames than the stream queues before pausing the upstream read: the last network reads wait in
        // Vert.x's own buffer, which Vert.x hands over only after it has reported the drop.
        int count = 80;
        upstream = request -> {
            request.response().setChunked(true).putHeader("content-type", "text/event-stream");
            writeFrames(request, 0, count);
            vertx.setTimer(100, t -> request.connection().close());
        };

        exchange.execute(streamingCall())
                .compose(reply -> {
                    Promise<Read> later = Promise.promise();
                    vertx.setTimer(300, t -> read(((ProviderReply.Streaming) reply).stream())
                            .onComplete(later));
                    return later.future();
                })
                .onComplete(test.succeeding(read -> test.verify(() -> {
                    assertThat(read.frames()).hasSize(count + 1);
                    for (int i = 0; i < count; i++) {
                        assertThat(read.frames().get(i)).isEqualTo(numberedFrame(i));
                    }
                    assertErrorFrame(read.frames().get(count));
                    assertThat(read.ends()).isEqualTo(1);
                    test.completeNow();
                })));
    }

    @Test
    void a_paused_client_pauses_the_upstream_read(Vertx vertx, VertxTestContext test) {
        Promise<Void> upstreamBlocked = Promise.promise();
        upstream = request -> {
            request.response().setChunked(true).putHeader("content-type", "text/event-stream");
            writeUntilBlocked(vertx, request.response(), numberedFrame(0).repeat(8), upstreamBlocked);
        };
        List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();

        exchange.execute(streamingCall()).onComplete(test.succeeding(reply -> {
            ChunkStream stream = ((ProviderReply.Streaming) reply).stream();
            stream.pause();
            stream.handler(frame -> received.add(frame.toString()));
            stream.fetch(1);
            upstreamBlocked
                    .future()
                    .onComplete(test.succeeding(v -> test.verify(() -> {
                        assertThat(received).hasSize(1);
                        test.completeNow();
                    })));
        }));
    }

    /**
     * Writes {@code frame} whenever the server's write queue has room, and completes {@code blocked} once the
     * queue has stayed full for half a second: the client has stopped reading.
     */
    private static void writeUntilBlocked(
            Vertx vertx, io.vertx.core.http.HttpServerResponse out, String frame, Promise<Void> blocked) {
        while (!out.writeQueueFull()) {
            out.write(frame);
        }
        long timer = vertx.setTimer(500, t -> blocked.tryComplete());
        out.drainHandler(v -> {
            vertx.cancelTimer(timer);
            writeUntilBlocked(vertx, out, frame, blocked);
        });
    }

    private static void writeFrames(HttpServerRequest request, int from, int to) {
        StringBuilder frames = new StringBuilder();
        for (int i = from; i < to; i++) {
            frames.append(numberedFrame(i));
        }
        request.response().write(frames.toString());
    }

    private static String numberedFrame(int i) {
        return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"content\":\"token " + i + " \"},\"finish_reason\":null}]}\n\n";
    }

    @Test
    void an_error_status_on_a_streamed_call_fails_the_call_instead_of_streaming(VertxTestContext test) {
        upstream =
                request -> request.response().setStatusCode(401).end(buffer("openai/error-401-invalid-api-key.json"));

        exchange.execute(streamingCall())
                .onComplete(test.failing(failure -> test.verify(() -> {
                    assertThat(((GatewayException) failure).kind()).isEqualTo(ErrorKind.AUTHENTICATION);
                    test.completeNow();
                })));
    }

    @Test
    void cancelling_a_stream_resets_the_upstream_and_ends_without_an_error_frame(VertxTestContext test) {
        Promise<Void> upstreamSawClose = Promise.promise();
        List<String> frames = dataFrames(text("openai/stream-include-usage.response.sse"));
        upstream = request -> {
            request.connection().closeHandler(v -> upstreamSawClose.tryComplete());
            request.response().setChunked(true).putHeader("content-type", "text/event-stream");
            request.response().write(frames.get(0));
        };

        exchange.execute(streamingCall())
                .compose(reply -> {
                    ChunkStream stream = ((ProviderReply.Streaming) reply).stream();
                    Future<Read> read = read(stream);
                    stream.cancel();
                    return Future.all(read, upstreamSawClose.future()).map(v -> read.result());
                })
                .onComplete(test.succeeding(read -> test.verify(() -> {
                    assertThat(read.frames()).noneMatch(frame -> frame.contains("\"error\""));
                    assertThat(read.ends()).isEqualTo(1);
                    test.completeNow();
                })));
    }

    @Test
    void an_upstream_echoing_the_key_never_shows_it_to_the_client(VertxTestContext test) {
        upstream = request -> request.response()
                .setStatusCode(401)
                .end("{\"error\":{\"message\":\"Invalid API key: " + OPENAI_KEY + "\",\"code\":\"invalid_api_key\"}}");

        exchange.execute(chat())
                .onComplete(test.failing(failure -> test.verify(() -> {
                    assertThat(((GatewayException) failure).kind()).isEqualTo(ErrorKind.AUTHENTICATION);
                    assertThat(failure.getMessage()).doesNotContain(OPENAI_KEY).contains("Invalid API key");
                    test.completeNow();
                })));
    }

    @Test
    void an_error_event_in_a_stream_reaches_the_client_once_and_without_the_key(VertxTestContext test) {
        List<String> frames = dataFrames(text("openai/stream-include-usage.response.sse"));
        String errorEvent = "data: {\"error\":{\"message\":\"Upstream auth failed for Bearer " + OPENAI_KEY
                + "\",\"type\":\"server_error\",\"code\":null}}\n\n";
        upstream = request -> request.response()
                .setChunked(true)
                .putHeader("content-type", "text/event-stream")
                .end(frames.get(0) + errorEvent + frames.get(1) + "data: [DONE]\n\n");

        exchange.execute(streamingCall())
                .compose(reply -> read(((ProviderReply.Streaming) reply).stream()))
                .onComplete(test.succeeding(read -> test.verify(() -> {
                    assertThat(read.frames()).hasSize(2);
                    assertThat(read.frames().get(0)).isEqualTo(frames.get(0));
                    JsonObject error =
                            new JsonObject(read.frames().get(1).substring("data: ".length())).getJsonObject("error");
                    assertThat(error.getString("message"))
                            .isEqualTo("litellm.InternalServerError: OpenAIException - Upstream auth failed for"
                                    + " Bearer ****");
                    assertThat(error.getString("code")).isEqualTo("500");
                    assertThat(String.join("", read.frames()))
                            .doesNotContain(OPENAI_KEY)
                            .doesNotContain("[DONE]");
                    assertThat(read.failure().getMessage()).doesNotContain(OPENAI_KEY);
                    assertThat(read.ends()).isEqualTo(1);
                    test.completeNow();
                })));
    }

    @Test
    void an_adapter_failing_on_a_success_body_fails_the_call_at_once(Vertx vertx, VertxTestContext test) {
        ProviderAdapter broken = new ProviderAdapter() {
            private final OpenAiAdapter openAi = new OpenAiAdapter();

            @Override
            public ProviderFamily family() {
                return ProviderFamily.OPENAI;
            }

            @Override
            public String errorLabel() {
                return openAi.errorLabel();
            }

            @Override
            public UpstreamRequest toUpstream(ProviderCall call) {
                return openAi.toUpstream(call);
            }

            @Override
            public ProviderReply.Complete fromUpstream(ProviderCall call, Buffer body) {
                throw new ClassCastException("a translator met a field of an unexpected type");
            }

            @Override
            public StreamTranslator streamTranslator(ProviderCall call) {
                return openAi.streamTranslator(call);
            }

            @Override
            public GatewayException classify(int status, MultiMap headers, Buffer body) {
                return openAi.classify(status, headers, body);
            }
        };
        UpstreamExchange brokenExchange = new UpstreamExchange(vertx, client, broken, new Breakers(vertx, BREAKER));
        upstream = request -> request.response().end(buffer("openai/chat.response.json"));
        long start = System.nanoTime();

        brokenExchange
                .execute(call(
                        Endpoint.CHAT_COMPLETIONS,
                        buffer("openai/chat.request.json"),
                        deployment(),
                        Duration.ofSeconds(20)))
                .onComplete(test.failing(failure -> test.verify(() -> {
                    assertThat(((GatewayException) failure).kind()).isEqualTo(ErrorKind.BAD_GATEWAY);
                    assertThat(failure.getMessage()).startsWith("litellm.BadGatewayError: OpenAIException - ");
                    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                            .isLessThan(5_000L);
                    test.completeNow();
                })));
    }

    private static void assertErrorFrame(String frame) {
        assertThat(frame).startsWith("data: ").endsWith("\n\n");
        JsonObject error = new JsonObject(frame.substring("data: ".length())).getJsonObject("error");
        assertThat(error.getString("message")).startsWith("litellm.APIConnectionError: OpenAIException - ");
        assertThat(error.getString("type")).isEqualTo("api_connection_error");
        assertThat(error.getString("code")).isEqualTo("500");
    }

    /**
     * @param usage the usage reported, or null when the stream ended in a failure
     * @param failure the failure the stream ended in, or null
     */
    private record Read(List<String> frames, Usage usage, GatewayException failure, int ends) {}

    /** Attaches to {@code stream} as the HTTP verticle does and collects everything until its end. */
    private static Future<Read> read(ChunkStream stream) {
        List<String> frames = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicInteger ends = new AtomicInteger();
        Promise<Void> ended = Promise.promise();
        stream.handler(frame -> frames.add(frame.toString()));
        stream.endHandler(v -> {
            ends.incrementAndGet();
            ended.tryComplete();
        });
        stream.resume();
        Future<Usage> usage = stream.usage();
        return Future.all(ended.future(), usage.otherwiseEmpty())
                .map(v -> new Read(
                        List.copyOf(frames),
                        usage.succeeded() ? usage.result() : null,
                        usage.failed() ? (GatewayException) usage.cause() : null,
                        ends.get()));
    }

    private Future<List<ErrorKind>> callRepeatedly(int times) {
        Future<List<ErrorKind>> kinds = Future.succeededFuture(new java.util.ArrayList<>());
        for (int i = 0; i < times; i++) {
            kinds = kinds.compose(list -> exchange.execute(chat()).transform(outcome -> {
                list.add(outcome.failed() ? ((GatewayException) outcome.cause()).kind() : null);
                return Future.succeededFuture(list);
            }));
        }
        return kinds;
    }

    private static void writeSlowly(Vertx vertx, HttpServerRequest request, List<Buffer> pieces, Runnable then) {
        if (pieces.isEmpty()) {
            then.run();
            return;
        }
        request.response().write(pieces.get(0));
        vertx.setTimer(2, t -> writeSlowly(vertx, request, pieces.subList(1, pieces.size()), then));
    }

    private ProviderCall chat() {
        return call(Endpoint.CHAT_COMPLETIONS, buffer("openai/chat.request.json"), deployment());
    }

    private ProviderCall streamingCall() {
        return call(Endpoint.CHAT_COMPLETIONS, buffer("openai/stream-include-usage.request.json"), deployment());
    }

    private dev.junction.config.Deployment deployment() {
        return openAi("gpt-4o-mini", new JsonObject(), "http://localhost:" + server.actualPort() + "/v1");
    }
}
