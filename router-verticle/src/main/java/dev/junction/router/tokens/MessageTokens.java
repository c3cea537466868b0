package dev.junction.router.tokens;

import com.knuddels.jtokkit.api.Encoding;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * Counts chat messages the way OpenAI's cookbook ({@code num_tokens_from_messages}) does for every current
 * chat model: 3 tokens of framing per message, every string field encoded, 1 more for a {@code name}, and 3
 * that prime the assistant's reply. Content parts, tool calls and images are Junction's additions (below).
 */
final class MessageTokens {
    static final int TOKENS_PER_MESSAGE = 3;
    static final int TOKENS_PER_NAME = 1;
    static final int REPLY_PRIMING = 3;
    /** OpenAI's price for an image at {@code detail: low}. */
    static final int LOW_DETAIL_IMAGE = 85;
    /**
     * An image at {@code high}/{@code auto} detail: OpenAI's 85 + 170 per 512-pixel tile, for a 1024x1024
     * image (4 tiles). The real size would mean fetching or decoding the image, which routing must not do.
     */
    static final int HIGH_DETAIL_IMAGE = 85 + 4 * 170;

    private final Encoding encoding;
    private final ThreadLocal<RecentCounts> recent = ThreadLocal.withInitial(RecentCounts::new);

    MessageTokens(Encoding encoding) {
        this.encoding = encoding;
    }

    int messages(JsonArray messages) {
        int tokens = REPLY_PRIMING;
        for (Object message : messages) {
            if (message instanceof JsonObject json) {
                tokens += message(json);
            }
        }
        return tokens;
    }

    // role, tool_call_id, refusal and any other string field count too: the cookbook encodes every value.
    private int message(JsonObject message) {
        int tokens = TOKENS_PER_MESSAGE;
        for (Map.Entry<String, Object> field : message) {
            Object value = field.getValue();
            tokens += switch (field.getKey()) {
                case "content" -> content(value);
                case "tool_calls" -> value instanceof JsonArray calls ? toolCalls(calls) : 0;
                case "function_call" -> value instanceof JsonObject call ? functionCall(call) : 0;
                case "name" -> text(value) + TOKENS_PER_NAME;
                default -> text(value);
            };
        }
        return tokens;
    }

    private int content(Object content) {
        if (!(content instanceof JsonArray parts)) {
            return text(content);
        }
        int tokens = 0;
        for (Object part : parts) {
            if (part instanceof JsonObject json) {
                tokens += part(json);
            }
        }
        return tokens;
    }

    // Audio and file parts carry base64 data whose token cost depends on duration or pages: counted as 0.
    private int part(JsonObject part) {
        if (part.getValue("image_url") != null) {
            Object image = part.getValue("image_url");
            String detail = image instanceof JsonObject json ? json.getString("detail", "auto") : "auto";
            return "low".equals(detail) ? LOW_DETAIL_IMAGE : HIGH_DETAIL_IMAGE;
        }
        return text(part.getValue("text")) + text(part.getValue("refusal"));
    }

    private int toolCalls(JsonArray calls) {
        int tokens = 0;
        for (Object call : calls) {
            if (call instanceof JsonObject json && json.getValue("function") instanceof JsonObject function) {
                tokens += functionCall(function);
            }
        }
        return tokens;
    }

    // What the model wrote: the function's name and its JSON arguments.
    private int functionCall(JsonObject call) {
        return text(call.getValue("name")) + text(call.getValue("arguments"));
    }

    /** Tool definitions as the model reads them: name, description and the JSON schema of the parameters. */
    int tools(JsonArray tools) {
        int tokens = 0;
        for (Object tool : tools) {
            if (tool instanceof JsonObject json) {
                JsonObject function = json.getValue("function") instanceof JsonObject f ? f : json;
                tokens += text(function.getValue("name")) + text(function.getValue("description"));
                Object parameters = function.getValue("parameters");
                tokens += parameters instanceof JsonObject schema ? text(schema.encode()) : 0;
            }
        }
        return tokens;
    }

    /** A legacy prompt or embeddings input: text, token ids, or lists of either. */
    int inputs(Object value) {
        if (value instanceof Number) {
            return 1;
        }
        if (value instanceof JsonArray list) {
            int tokens = 0;
            for (Object item : list) {
                tokens += inputs(item);
            }
            return tokens;
        }
        return text(value);
    }

    // Ordinary encoding: user text that contains "<|endoftext|>" is text, never a special token (nor an error).
    int text(Object value) {
        return value instanceof String text ? recent.get().count(text, encoding::countTokensOrdinary) : 0;
    }

    /** {@link #text} without the cache of recent counts. */
    int textOnce(String text) {
        return encoding.countTokensOrdinary(text);
    }
}
