package dev.junction.router.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.jackson.JacksonCodec;
import java.io.IOException;

/**
 * What the answers of the operations not billed per token say about their size, read in one pass without
 * decoding their payload (an image answer may hold megabytes of base64): the number of {@code data} entries
 * (images), the audio's {@code duration} (or {@code usage.seconds}) and Cohere's {@code
 * meta.billed_units.search_units}. A body that is not JSON (speech audio, a text transcript) measures nothing.
 *
 * @param items entries of the top-level {@code data} array
 * @param seconds audio seconds, or 0 when not reported
 * @param searchUnits rerank search units, or 0 when not reported
 */
record ReplyMeasures(int items, double seconds, double searchUnits) {
    static final ReplyMeasures NONE = new ReplyMeasures(0, 0, 0);

    static ReplyMeasures of(Buffer body) {
        try (JsonParser parser = JacksonCodec.createParser(body)) {
            return parser.nextToken() == JsonToken.START_OBJECT ? read(parser) : NONE;
        } catch (IOException | RuntimeException notJson) {
            return NONE;
        }
    }

    private static ReplyMeasures read(JsonParser parser) throws IOException {
        int items = 0;
        double seconds = 0;
        double searchUnits = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("data".equals(field) && value == JsonToken.START_ARRAY) {
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items++;
                    parser.skipChildren();
                }
            } else if ("duration".equals(field) && value.isNumeric()) {
                seconds = parser.getDoubleValue();
            } else if ("usage".equals(field) && value == JsonToken.START_OBJECT) {
                seconds = Math.max(seconds, number(parser, "seconds"));
            } else if ("meta".equals(field) && value == JsonToken.START_OBJECT) {
                searchUnits = billedUnits(parser);
            } else {
                parser.skipChildren();
            }
        }
        return new ReplyMeasures(items, seconds, searchUnits);
    }

    /** A numeric field of the object the parser is at; leaves the parser at the object's end. */
    private static double number(JsonParser parser, String name) throws IOException {
        double found = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals(field) && value.isNumeric()) {
                found = parser.getDoubleValue();
            }
            parser.skipChildren();
        }
        return found;
    }

    private static double billedUnits(JsonParser parser) throws IOException {
        double units = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("billed_units".equals(field) && value == JsonToken.START_OBJECT) {
                units = number(parser, "search_units");
            } else {
                parser.skipChildren();
            }
        }
        return units;
    }
}
