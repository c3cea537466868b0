package dev.junction.router.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the prompt tokens of a request before it is sent, for context-window checks and TPM accounting.
 * Exact for OpenAI models (jtokkit's o200k_base and cl100k_base, the encodings tiktoken uses), an estimate
 * for other providers (see {@link Tokenizer#CL100K_ESTIMATE}). Immutable and thread-safe: jtokkit's
 * encodings are stateless once loaded.
 */
public final class TokenCounter {
    private static final int MAX_KNOWN_MODELS = 1024;

    private final MessageTokens o200k;
    private final Map<String, Tokenizer> tokenizers = new ConcurrentHashMap<>();
    private final MessageTokens cl100k;

    private TokenCounter(EncodingRegistry registry) {
        o200k = new MessageTokens(registry.getEncoding(EncodingType.O200K_BASE));
        cl100k = new MessageTokens(registry.getEncoding(EncodingType.CL100K_BASE));
    }

    /**
     * The shared counter. The first call loads both vocabularies (a few hundred milliseconds), so make it at
     * start-up, off the event loop; later calls only count.
     */
    public static TokenCounter load() {
        return Shared.COUNTER;
    }

    /**
     * Plain text, with no message framing, and not kept in the per-thread cache of recent counts: for generated
     * text, which does not come again and would only push out the prompts that do.
     */
    public int countText(String model, String text) {
        return forModel(model).textOnce(text);
    }

    /** A chat request's {@code messages}, with OpenAI's per-message, per-name and reply-priming tokens. */
    public int countMessages(String model, JsonArray messages) {
        return forModel(model).messages(messages);
    }

    /** The {@code tools} (or legacy {@code functions}) of a chat request: an approximation, see {@link #countRequest}. */
    public int countTools(String model, JsonArray tools) {
        return forModel(model).tools(tools);
    }

    /** A legacy completions {@code prompt}: a string, a list of strings, token ids or lists of token ids. */
    public int countPrompt(String model, Object prompt) {
        return forModel(model).inputs(prompt);
    }

    /** An embeddings {@code input}; the same shapes as a legacy prompt, with no framing. */
    public int countEmbeddingInput(String model, Object input) {
        return forModel(model).inputs(input);
    }

    /**
     * The prompt tokens of a request body: {@code messages} plus {@code tools} and {@code functions} for chat,
     * else {@code prompt}, else {@code input}; 0 when it has none of them. OpenAI renders tool definitions in
     * its own internal syntax; counting name, description and JSON schema comes within a few tokens per tool.
     */
    public int countRequest(String model, JsonObject body) {
        MessageTokens counter = forModel(model);
        if (body.getValue("messages") instanceof JsonArray messages) {
            int tokens = counter.messages(messages);
            for (String key : new String[] {"tools", "functions"}) {
                tokens += body.getValue(key) instanceof JsonArray tools ? counter.tools(tools) : 0;
            }
            return tokens;
        }
        if (body.getValue("prompt") != null) {
            return counter.inputs(body.getValue("prompt"));
        }
        return counter.inputs(body.getValue("input"));
    }

    private MessageTokens forModel(String model) {
        return tokenizerOf(model) == Tokenizer.O200K_BASE ? o200k : cl100k;
    }

    // Two regular expressions per request otherwise. Bounded: wildcard routes let clients make up names.
    private Tokenizer tokenizerOf(String model) {
        if (model == null) {
            return Tokenizer.forModel(null);
        }
        Tokenizer known = tokenizers.get(model);
        if (known == null) {
            known = Tokenizer.forModel(model);
            if (tokenizers.size() < MAX_KNOWN_MODELS) {
                tokenizers.put(model, known);
            }
        }
        return known;
    }

    // Holder idiom: the vocabularies load once, on first use, and are published safely to every thread. The
    // lazy registry loads only the two encodings asked for, not all five.
    private static final class Shared {
        static final TokenCounter COUNTER = new TokenCounter(Encodings.newLazyEncodingRegistry());
    }
}
