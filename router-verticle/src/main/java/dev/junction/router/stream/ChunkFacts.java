package dev.junction.router.stream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.jackson.JacksonCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What one SSE frame of an OpenAI-format stream says, as far as keeping a stream whole needs it: whether it
 * is {@code [DONE]} or an error event, the text it adds to the answer, and whether it carries anything else
 * a client would act on. Read in one pass over the JSON tokens, decoding only the content string.
 *
 * @param kind what the frame is
 * @param content the {@code delta.content} (or legacy {@code text}) of the first choice, or ""
 * @param finished whether a choice gives its {@code finish_reason}
 * @param unrepeatable whether it carries what a continuation could not pick up from text: a tool call, a
 *     refusal, or a choice other than the first
 * @param other whether it carries anything else for the client (reasoning text, usage)
 */
record ChunkFacts(Kind kind, String content, boolean finished, boolean unrepeatable, boolean other) {
    enum Kind {
        CHUNK,
        DONE,
        ERROR,
        /** A frame that cannot be read: passed on, never taken for an empty one. */
        UNREADABLE
    }

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.UTF_8);
    private static final Buffer DONE_PAYLOAD = Buffer.buffer("[DONE]");
    private static final ChunkFacts DONE = new ChunkFacts(Kind.DONE, "", false, false, false);
    private static final ChunkFacts UNREADABLE = new ChunkFacts(Kind.UNREADABLE, "", false, false, true);
    private static final ChunkFacts ERROR = new ChunkFacts(Kind.ERROR, "", false, false, false);

    /**
     * Whether the answer has begun for a client: the frame adds text, ends a choice, or carries a tool call,
     * reasoning or usage. A role chunk with empty content, or Azure's prompt-filter chunk, has not.
     */
    boolean substantive() {
        return kind != Kind.CHUNK || !content.isEmpty() || finished || unrepeatable || other;
    }

    /** The facts of a frame as translators write them: {@code data: <one line of JSON>\n\n}. */
    static ChunkFacts of(Buffer frame) {
        int end = frame.length();
        while (end > 0 && frame.getByte(end - 1) == '\n') {
            end--;
        }
        if (end <= DATA.length || !startsWithData(frame)) {
            return UNREADABLE;
        }
        Buffer payload = frame.slice(DATA.length, end);
        if (payload.equals(DONE_PAYLOAD)) {
            return DONE;
        }
        try (JsonParser parser = JacksonCodec.createParser(payload)) {
            return read(parser);
        } catch (IOException | RuntimeException unreadable) {
            return UNREADABLE;
        }
    }

    private static boolean startsWithData(Buffer frame) {
        for (int i = 0; i < DATA.length; i++) {
            if (frame.getByte(i) != DATA[i]) {
                return false;
            }
        }
        return true;
    }

    private static ChunkFacts read(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return UNREADABLE;
        }
        Choices choices = new Choices();
        boolean usage = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("error".equals(field) && value != JsonToken.VALUE_NULL) {
                return ERROR;
            } else if ("usage".equals(field)) {
                usage = value == JsonToken.START_OBJECT;
            } else if ("choices".equals(field) && value == JsonToken.START_ARRAY) {
                choices.read(parser);
            }
            parser.skipChildren();
        }
        return new ChunkFacts(
                Kind.CHUNK, choices.content, choices.finished, choices.unrepeatable, choices.other || usage);
    }

    /** The facts gathered from a {@code choices} array. */
    private static final class Choices {
        String content = "";
        boolean finished;
        boolean unrepeatable;
        boolean other;

        /** Reads the array the parser is at, leaving the parser on its end. */
        void read(JsonParser parser) throws IOException {
            int position = 0;
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                readChoice(parser, position++);
            }
        }

        private void readChoice(JsonParser parser, int position) throws IOException {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "index" -> unrepeatable |= value.isNumeric() && parser.getIntValue() != 0;
                    case "finish_reason" -> finished |= value == JsonToken.VALUE_STRING;
                    case "text" -> addContent(parser, value, position);
                    case "delta" -> {
                        if (value == JsonToken.START_OBJECT) {
                            readDelta(parser, position);
                        }
                    }
                    default -> {}
                }
                parser.skipChildren();
            }
            unrepeatable |= position > 0;
        }

        private void readDelta(JsonParser parser, int position) throws IOException {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                boolean present = value != JsonToken.VALUE_NULL;
                switch (field) {
                    case "content" -> addContent(parser, value, position);
                    case "tool_calls", "function_call", "refusal" -> unrepeatable |= present;
                    case "role" -> {}
                    default -> other |= present && !(value == JsonToken.VALUE_STRING && parser.getTextLength() == 0);
                }
                parser.skipChildren();
            }
        }

        private void addContent(JsonParser parser, JsonToken value, int position) throws IOException {
            if (value == JsonToken.VALUE_STRING) {
                String text = parser.getText();
                if (position == 0) {
                    content = content.isEmpty() ? text : content + text;
                } else if (!text.isEmpty()) {
                    unrepeatable = true;
                }
            }
        }
    }
}
