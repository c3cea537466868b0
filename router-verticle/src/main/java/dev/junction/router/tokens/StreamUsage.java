package dev.junction.router.tokens;

import dev.junction.cluster.bus.ChunkStream;
import dev.junction.cluster.bus.Usage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The usage of streams whose upstream reported none: OpenAI-format servers send usage only when the client
 * asked for it ({@code stream_options.include_usage}), and most clients do not. Like LiteLLM, the gateway then
 * counts the completion tokens in the streamed text itself, so that tpm limits, budgets and spend see the
 * answer and not only the prompt.
 */
public final class StreamUsage {
    private final Vertx vertx;
    private final TokenCounter tokens;

    public StreamUsage(Vertx vertx, TokenCounter tokens) {
        this.vertx = vertx;
        this.tokens = tokens;
    }

    /**
     * {@code stream} with a usage that, when the upstream reported none, is {@code promptTokens} (the count made
     * at admission) plus the tokens of the streamed text in {@code model}'s vocabulary.
     */
    public ChunkStream counted(ChunkStream stream, String model, long promptTokens) {
        return new CountedUsageStream(stream, stream.usage().compose(reported -> {
            String text = stream.streamedText();
            if (reported.totalTokens() > 0 || text.isEmpty()) {
                return Future.succeededFuture(reported);
            }
            // A long answer takes milliseconds to encode: not on the event loop. Should that fail (the node is
            // closing), the call still ended well: it keeps the usage it had rather than becoming a failure.
            return vertx.executeBlocking(
                            () -> {
                                long completion = tokens.countText(model, text);
                                return new Usage(promptTokens, completion, promptTokens + completion);
                            },
                            false)
                    .otherwise(reported);
        }));
    }
}
