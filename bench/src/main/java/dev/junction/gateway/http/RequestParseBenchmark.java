package dev.junction.gateway.http;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.LlmRequest;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The edge parse of every request: body bytes to a validated {@link LlmRequest}, as the HTTP verticle does
 * it. Lives in the gateway's package because {@link RequestParser} is package-private; on the class path a
 * package spans jars, so no production code had to be opened up for this.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class RequestParseBenchmark {
    private static final String SMALL = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"system\",\"content\":\"You are"
            + " a helpful assistant.\"},{\"role\":\"user\",\"content\":\"Write a haiku about load balancers.\"}],"
            + "\"max_tokens\":64,\"temperature\":0.7}";

    /** small: the benchmark's request body; chat_8k: a conversation of 16 turns, about 8 KB. */
    @Param({"small", "chat_8k"})
    public String body;

    private Buffer raw;
    private RequestParser parser;

    @Setup
    public void setUp() {
        raw = Buffer.buffer("small".equals(body) ? SMALL : conversation(16, 480));
        parser = new RequestParser(false);
    }

    static String conversation(int turns, int charsPerTurn) {
        StringBuilder json = new StringBuilder("{\"model\":\"gpt-4o\",\"stream\":false,\"messages\":[");
        for (int i = 0; i < turns; i++) {
            json.append(i == 0 ? "" : ",")
                    .append("{\"role\":\"")
                    .append(i % 2 == 0 ? "user" : "assistant")
                    .append("\",\"content\":\"")
                    .append("lorem ipsum dolor sit amet ".repeat(charsPerTurn / 27))
                    .append("\"}");
        }
        return json.append("],\"temperature\":0.2,\"max_tokens\":256}").toString();
    }

    @Benchmark
    public LlmRequest parse() {
        return parser.parse(Endpoint.CHAT_COMPLETIONS, raw, null, null, null);
    }
}
