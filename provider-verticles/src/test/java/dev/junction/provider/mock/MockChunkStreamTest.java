package dev.junction.provider.mock;

import static dev.junction.provider.WireFixtures.call;
import static dev.junction.provider.WireFixtures.openAi;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cluster.bus.ChunkStream;
import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.FrameStream;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.Usage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class MockChunkStreamTest {
    private static final String TEXT = "Olá! This is a mock answer.";
    private static final String DONE = "data: [DONE]\n\n";

    @Test
    void streamed_chat_chunks_concatenate_back_to_the_text_then_usage_then_done(Vertx vertx, VertxTestContext test) {
        JsonObject request = chatRequest().put("stream_options", new JsonObject().put("include_usage", true));

        readAll(vertx, () -> stream(Endpoint.CHAT_COMPLETIONS, request)).onComplete(test.succeeding(read -> {
            test.verify(() -> {
                List<String> frames = read.frames;
                assertThat(frames.get(frames.size() - 1)).isEqualTo(DONE);
                assertThat(frames).filteredOn(DONE::equals).hasSize(1);
                List<JsonObject> chunks = chunks(frames);
                StringBuilder text = new StringBuilder();
                for (JsonObject chunk : chunks) {
                    assertThat(chunk.getString("object")).isEqualTo("chat.completion.chunk");
                    JsonArray choices = chunk.getJsonArray("choices");
                    if (!choices.isEmpty()) {
                        text.append(
                                choices.getJsonObject(0).getJsonObject("delta").getString("content", ""));
                    }
                }
                assertThat(text).hasToString(TEXT);
                assertThat(chunks.get(0)
                                .getJsonArray("choices")
                                .getJsonObject(0)
                                .getJsonObject("delta"))
                        .isEqualTo(new JsonObject().put("role", "assistant").put("content", ""));
                JsonObject last = chunks.get(chunks.size() - 1);
                assertThat(last.getJsonArray("choices")).isEmpty();
                assertThat(last.getJsonObject("usage")).isEqualTo(new Usage(10, 20, 30).toOpenAi());
                JsonObject finish = chunks.get(chunks.size() - 2);
                assertThat(finish.getJsonArray("choices").getJsonObject(0).getString("finish_reason"))
                        .isEqualTo("stop");
                assertThat(read.usage).isEqualTo(new Usage(10, 20, 30));
                assertThat(read.ends).isEqualTo(1);
            });
            test.completeNow();
        }));
    }

    @Test
    void without_include_usage_no_usage_chunk_is_sent(Vertx vertx, VertxTestContext test) {
        readAll(vertx, () -> stream(Endpoint.CHAT_COMPLETIONS, chatRequest())).onComplete(test.succeeding(read -> {
            test.verify(() -> {
                assertThat(chunks(read.frames)).allSatisfy(chunk -> assertThat(chunk.containsKey("usage"))
                        .isFalse());
                assertThat(read.frames.get(read.frames.size() - 1)).isEqualTo(DONE);
            });
            test.completeNow();
        }));
    }

    @Test
    void streamed_text_completion_chunks_concatenate_back_to_the_text(Vertx vertx, VertxTestContext test) {
        JsonObject request = new JsonObject()
                .put("model", "my-model")
                .put("prompt", "Say hi")
                .put("stream", true)
                .put("mock_response", TEXT);

        readAll(vertx, () -> stream(Endpoint.COMPLETIONS, request)).onComplete(test.succeeding(read -> {
            test.verify(() -> {
                StringBuilder text = new StringBuilder();
                for (JsonObject chunk : chunks(read.frames)) {
                    assertThat(chunk.getString("object")).isEqualTo("text_completion");
                    text.append(chunk.getJsonArray("choices").getJsonObject(0).getString("text"));
                }
                assertThat(text).hasToString(TEXT);
            });
            test.completeNow();
        }));
    }

    @Test
    void a_paused_stream_delivers_exactly_what_is_fetched(Vertx vertx, VertxTestContext test) {
        Context context = vertx.getOrCreateContext();
        List<String> frames = new ArrayList<>();
        AtomicInteger ends = new AtomicInteger();
        context.runOnContext(v -> {
            ChunkStream stream =
                    FrameStream.of(List.of(frame("1"), frame("2"), frame("3"), frame("4")), MockResponder.MOCK_USAGE);
            stream.pause();
            stream.handler(frame -> frames.add(frame.toString()));
            stream.endHandler(end -> ends.incrementAndGet());
            afterPendingTasks(context)
                    .compose(x -> {
                        test.verify(() -> assertThat(frames).isEmpty());
                        stream.fetch(1);
                        return afterPendingTasks(context);
                    })
                    .compose(x -> {
                        test.verify(() -> assertThat(frames).containsExactly(sse("1")));
                        stream.fetch(2);
                        return afterPendingTasks(context);
                    })
                    .compose(x -> {
                        test.verify(() -> {
                            assertThat(frames).containsExactly(sse("1"), sse("2"), sse("3"));
                            assertThat(ends).hasValue(0);
                            assertThat(stream.usage().isComplete()).isFalse();
                        });
                        stream.resume();
                        return afterPendingTasks(context);
                    })
                    .onComplete(test.succeeding(x -> {
                        test.verify(() -> {
                            assertThat(frames).containsExactly(sse("1"), sse("2"), sse("3"), sse("4"));
                            assertThat(ends).hasValue(1);
                            assertThat(stream.usage().result()).isEqualTo(new Usage(10, 20, 30));
                        });
                        test.completeNow();
                    }));
        });
    }

    @Test
    void pausing_mid_stream_stops_delivery_until_resumed(Vertx vertx, VertxTestContext test) {
        Context context = vertx.getOrCreateContext();
        List<String> frames = new ArrayList<>();
        context.runOnContext(v -> {
            ChunkStream stream = FrameStream.of(List.of(frame("1"), frame("2"), frame("3")), MockResponder.MOCK_USAGE);
            stream.handler(frame -> {
                frames.add(frame.toString());
                stream.pause();
            });
            afterPendingTasks(context)
                    .compose(x -> {
                        test.verify(() -> assertThat(frames).containsExactly(sse("1")));
                        stream.resume();
                        return afterPendingTasks(context);
                    })
                    .onComplete(test.succeeding(x -> {
                        test.verify(() -> assertThat(frames).containsExactly(sse("1"), sse("2")));
                        test.completeNow();
                    }));
        });
    }

    @Test
    void cancelling_a_paused_stream_ends_it_and_completes_its_usage(Vertx vertx, VertxTestContext test) {
        Context context = vertx.getOrCreateContext();
        List<String> frames = new ArrayList<>();
        AtomicInteger ends = new AtomicInteger();
        context.runOnContext(v -> {
            ChunkStream stream = FrameStream.of(List.of(frame("1"), frame("2")), MockResponder.MOCK_USAGE);
            stream.pause();
            stream.handler(frame -> frames.add(frame.toString()));
            stream.endHandler(end -> ends.incrementAndGet());
            stream.cancel();
            afterPendingTasks(context).onComplete(test.succeeding(x -> {
                test.verify(() -> {
                    assertThat(frames).isEmpty();
                    assertThat(ends).hasValue(1);
                    assertThat(stream.usage().isComplete()).isTrue();
                });
                test.completeNow();
            }));
        });
    }

    /** Completes once every task queued on {@code context} so far has run (a context runs tasks in order). */
    private static Future<Void> afterPendingTasks(Context context) {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> context.runOnContext(w -> done.complete()));
        return done.future();
    }

    private record Read(List<String> frames, Usage usage, int ends) {}

    private static Future<Read> readAll(Vertx vertx, Supplier<ChunkStream> opener) {
        Promise<Read> result = Promise.promise();
        vertx.getOrCreateContext().runOnContext(v -> {
            ChunkStream stream = opener.get();
            List<String> frames = new ArrayList<>();
            AtomicInteger ends = new AtomicInteger();
            stream.handler(frame -> frames.add(frame.toString()));
            stream.endHandler(end -> ends.incrementAndGet());
            stream.usage()
                    .onSuccess(usage ->
                            vertx.setTimer(50, t -> result.complete(new Read(List.copyOf(frames), usage, ends.get()))));
        });
        return result.future();
    }

    private static ChunkStream stream(Endpoint endpoint, JsonObject request) {
        ProviderReply reply = MockResponder.respond(call(endpoint, request, openAi("gpt-4o-mini", new JsonObject())));
        assertThat(reply).isInstanceOf(ProviderReply.Streaming.class);
        return ((ProviderReply.Streaming) reply).stream();
    }

    private static JsonObject chatRequest() {
        return new JsonObject()
                .put("model", "my-model")
                .put("stream", true)
                .put("mock_response", TEXT)
                .put(
                        "messages",
                        new JsonArray().add(new JsonObject().put("role", "user").put("content", "Hi")));
    }

    private static List<JsonObject> chunks(List<String> frames) {
        List<JsonObject> chunks = new ArrayList<>();
        for (String frame : frames) {
            assertThat(frame).startsWith("data: ").endsWith("\n\n");
            if (!frame.equals(DONE)) {
                chunks.add(new JsonObject(frame.substring("data: ".length())));
            }
        }
        return chunks;
    }

    private static Buffer frame(String payload) {
        return Buffer.buffer(sse(payload));
    }

    private static String sse(String payload) {
        return "data: " + payload + "\n\n";
    }
}
