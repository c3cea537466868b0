package dev.junction.bench.jmh;

import dev.junction.provider.openai.OpenAiErrorClassifier;
import dev.junction.provider.openai.OpenAiStreamTranslator;
import dev.junction.provider.sse.SseFrames;
import dev.junction.provider.sse.SseParser;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The per-chunk work of a relayed OpenAI stream: upstream bytes through {@link SseParser}, the
 * {@link OpenAiStreamTranslator} and {@link SseFrames} into the frame written to the client.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class StreamWriteBenchmark {
    private static final String CONTENT_CHUNK = "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1700000000,\"model\":\"gpt-4o-2024-08-06\",\"system_fingerprint\":\"fp_bench\","
            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\" balanced\"},\"logprobs\":null,"
            + "\"finish_reason\":null}]}";
    private static final String USAGE_CHUNK = "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1700000000,\"model\":\"gpt-4o-2024-08-06\",\"choices\":[],"
            + "\"usage\":{\"prompt_tokens\":26,\"completion_tokens\":9,\"total_tokens\":35}}";

    private Buffer contentWire;
    private Buffer usageWire;
    private JsonObject chunkJson;
    private Blackhole sink;
    private SseParser parser;
    private SseParser keepingText;

    @Setup
    public void setUp(Blackhole blackhole) {
        sink = blackhole;
        contentWire = Buffer.buffer("data: " + CONTENT_CHUNK + "\n\n");
        usageWire = Buffer.buffer("data: " + USAGE_CHUNK + "\n\n");
        chunkJson = new JsonObject(CONTENT_CHUNK);
        OpenAiErrorClassifier errors = new OpenAiErrorClassifier("OpenAIException");
        OpenAiStreamTranslator translator = new OpenAiStreamTranslator(false, errors);
        parser = new SseParser(event -> translator.onEvent(event, sink::consume));
        OpenAiStreamTranslator counting = new OpenAiStreamTranslator(true, errors);
        keepingText = new SseParser(event -> counting.onEvent(event, sink::consume));
    }

    /** A content chunk: parsed as SSE, passed through untouched, framed again. */
    @Benchmark
    public void relayContentChunk() {
        parser.feed(contentWire);
    }

    /**
     * A content chunk of a stream whose client asked for no usage: also parsed, its text kept for the router to
     * count the completion tokens (after about a million characters the text is no longer added to).
     */
    @Benchmark
    public void relayContentChunkKeepingText() {
        keepingText.feed(contentWire);
    }

    /** The usage chunk: the one chunk whose JSON is parsed, to record token usage. */
    @Benchmark
    public void relayUsageChunk() {
        parser.feed(usageWire);
    }

    /** Framing a chunk Junction built itself (translated providers, errors). */
    @Benchmark
    public Buffer frameJsonChunk() {
        return SseFrames.data(chunkJson);
    }
}
