package dev.junction.router.tokens;

import dev.junction.cluster.bus.ChunkStream;
import dev.junction.cluster.bus.Usage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

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
     * {@code stream} with a usage that, when the upstream reported none, is the prompt's tokens plus the tokens
     * of the streamed text in {@code model}'s vocabulary. The prompt's are {@code promptTokens}, the count made
     * at admission, or counted from {@code body} here when admission needed none (no tpm limit, no
     * usage-based routing): a key's or team's tpm is settled with this total.
     */
    public ChunkStream counted(ChunkStream stream, String model, long promptTokens, JsonObject body) {
        return new CountedUsageStream(stream, stream.usage().compose(reported -> {
            String text = stream.streamedText();
            if (reported.totalTokens() > 0 || text.isEmpty()) {
                return Future.succeededFuture(reported);
            }
            // Should counting fail (the node is closing), the call still ended well: it keeps the usage it had
            // rather than becoming a failure.
            return count(model, promptTokens, body, text).otherwise(reported);
        }));
    }

    /**
     * The usage of a call that produced {@code text}: the prompt's tokens ({@code promptTokens}, or counted from
     * {@code body} when 0) plus those of the text, in {@code model}'s vocabulary. A long answer takes milliseconds
     * to encode, so it is counted off the event loop. Also what a stream that broke midway is charged.
     */
    public Future<Usage> count(String model, long promptTokens, JsonObject body, String text) {
        return vertx.executeBlocking(
                () -> {
                    long prompt = promptTokens > 0 ? promptTokens : tokens.countRequest(model, body);
                    long completion = text.isEmpty() ? 0 : tokens.countText(model, text);
                    return new Usage(prompt, completion, prompt + completion);
                },
                false);
    }
}
