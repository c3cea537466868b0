package dev.junction.provider.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.jackson.JacksonCodec;
import java.io.IOException;

/**
 * Reads what the gateway needs (usage, finish reason) from an OpenAI-format body, which passes on as is. One
 * pass over the tokens, with Vert.x's own parser settings, building nothing but the small {@code usage}
 * object: the answer's content is skipped, not decoded into maps and strings. A body that is not one JSON
 * object (malformed, truncated, trailing data) is refused as before.
 */
public final class OpenAiResponses {
    private OpenAiResponses() {}

    public static ProviderReply.Complete complete(Buffer body, String providerLabel) {
        Fields fields;
        try (JsonParser parser = JacksonCodec.createParser(body)) {
            fields = read(parser);
        } catch (IOException | DecodeException | NotAnObject e) {
            throw GatewayException.of(
                    ErrorKind.BAD_GATEWAY,
                    ErrorKind.BAD_GATEWAY.describe(
                            providerLabel + " - the upstream answered with a body that is not JSON"));
        }
        return new ProviderReply.Complete(body, fields.usage(), fields.finishReason());
    }

    /** The top-level {@code usage} and {@code choices[0].finish_reason} when it is a string. */
    private record Fields(Usage usage, String finishReason) {}

    /** The top-level fields; a repeated field counts as its last occurrence, as in a parsed JsonObject. */
    private static Fields read(JsonParser parser) throws IOException, NotAnObject {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new NotAnObject();
        }
        Usage usage = Usage.NONE;
        String finishReason = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("usage".equals(field)) {
                usage = value == JsonToken.START_OBJECT ? usage(parser) : Usage.NONE;
            } else if ("choices".equals(field)) {
                finishReason = value == JsonToken.START_ARRAY ? firstFinishReason(parser) : null;
            }
            parser.skipChildren();
        }
        if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
            throw new NotAnObject();
        }
        return new Fields(usage, finishReason);
    }

    /**
     * The token counts of the usage object, read in the same pass; leaves the parser on the object's end. The
     * body goes to the client as it is, so a count of an unexpected shape (some OpenAI-compatible servers send
     * {@code "prompt_tokens": "n/a"}) only means the gateway learns nothing from this usage.
     */
    private static Usage usage(JsonParser parser) throws IOException {
        long prompt = 0;
        long completion = 0;
        long total = -1;
        boolean readable = true;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            // input_tokens/output_tokens: the names of the Responses API, image generation and transcription.
            boolean count =
                    switch (field) {
                        case "prompt_tokens",
                                "completion_tokens",
                                "total_tokens",
                                "input_tokens",
                                "output_tokens" -> true;
                        default -> false;
                    };
            if (count && value.isNumeric()) {
                long number = parser.getNumberValue().longValue();
                switch (field) {
                    case "prompt_tokens", "input_tokens" -> prompt = number;
                    case "completion_tokens", "output_tokens" -> completion = number;
                    default -> total = number;
                }
            } else if (count && value != JsonToken.VALUE_NULL) {
                readable = false;
            }
            parser.skipChildren();
        }
        if (!readable) {
            return Usage.NONE;
        }
        return new Usage(prompt, completion, total >= 0 ? total : prompt + completion);
    }

    /** {@code choices[0].finish_reason} when it is a string, else null. Leaves the parser on the array's end. */
    private static String firstFinishReason(JsonParser parser) throws IOException {
        String reason = null;
        if (parser.nextToken() == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("finish_reason".equals(field)) {
                    reason = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                }
                parser.skipChildren();
            }
            parser.nextToken();
        }
        while (parser.currentToken() != JsonToken.END_ARRAY) {
            parser.skipChildren();
            if (parser.nextToken() == null) {
                throw new IOException("unexpected end of input");
            }
        }
        return reason;
    }

    /** The body is JSON, but not one object. */
    private static final class NotAnObject extends Exception {
        NotAnObject() {
            super(null, null, false, false);
        }
    }
}
