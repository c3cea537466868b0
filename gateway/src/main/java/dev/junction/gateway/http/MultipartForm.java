package dev.junction.gateway.http;

import dev.junction.cluster.bus.FormFile;
import dev.junction.cluster.error.GatewayException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@code multipart/form-data} body (RFC 7578), as OpenAI's audio transcription takes it: its text fields as
 * a JSON object (a field given more than once, such as {@code timestamp_granularities[]}, as a list) and its
 * files as they came, sliced from the body without copying. The body has been read within {@code
 * max_request_size_mb} already; this only cuts it up.
 *
 * @param fields the text fields
 * @param files the file parts
 */
record MultipartForm(JsonObject fields, List<FormFile> files) {
    private static final int MAX_PARTS = 100;
    private static final byte[] CRLF_CRLF = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** Whether a request announces a multipart form. */
    static boolean isMultipart(HttpServerRequest request) {
        String type = request.getHeader("content-type");
        return type != null && type.regionMatches(true, 0, "multipart/form-data", 0, "multipart/form-data".length());
    }

    /** Reads {@code body} as the form {@code contentType} announces; anything else is a 400. */
    static MultipartForm parse(String contentType, Buffer body) {
        String boundary = boundary(contentType);
        byte[] bytes = body.getBytes();
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        byte[] separator = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(bytes, delimiter, 0);
        if (at < 0) {
            throw malformed("the body holds no part of the announced boundary");
        }
        JsonObject fields = new JsonObject();
        List<FormFile> files = new ArrayList<>();
        int position = at + delimiter.length;
        for (int parts = 0; !startsWith(bytes, position, "--"); parts++) {
            if (parts == MAX_PARTS) {
                throw malformed("more than " + MAX_PARTS + " parts");
            }
            int headersEnd = indexOf(bytes, CRLF_CRLF, position);
            int next = headersEnd < 0 ? -1 : indexOf(bytes, separator, headersEnd);
            if (next < 0) {
                throw malformed("a part is not closed by the boundary");
            }
            PartHeaders headers =
                    PartHeaders.parse(new String(bytes, position, headersEnd - position, StandardCharsets.UTF_8));
            Buffer content = body.slice(headersEnd + CRLF_CRLF.length, next);
            if (headers.isFile()) {
                files.add(new FormFile(headers.name(), headers.filename(), headers.contentType(), content));
            } else {
                add(fields, headers.name(), content.toString(StandardCharsets.UTF_8));
            }
            position = next + separator.length;
        }
        return new MultipartForm(fields, files);
    }

    /**
     * The text fields with the types the gateway reads them as: {@code stream} a boolean, the timeouts, {@code
     * num_retries} and {@code temperature} numbers (a form carries only text). Upstream they go back as text.
     */
    JsonObject typedFields() {
        JsonObject typed = fields.copy();
        if (typed.getValue("stream") instanceof String stream && (stream.equals("true") || stream.equals("false"))) {
            typed.put("stream", Boolean.parseBoolean(stream));
        }
        for (String name : new String[] {"timeout", "stream_timeout", "request_timeout", "temperature"}) {
            if (typed.getValue(name) instanceof String text) {
                try {
                    typed.put(name, Double.parseDouble(text.strip()));
                } catch (NumberFormatException notANumber) {
                    // left as text: whatever reads it says what is wrong
                }
            }
        }
        if (typed.getValue("num_retries") instanceof String retries
                && retries.strip().matches("\\d{1,9}")) {
            typed.put("num_retries", Integer.parseInt(retries.strip()));
        }
        return typed;
    }

    private static void add(JsonObject fields, String name, String value) {
        Object existing = fields.getValue(name);
        if (existing == null && !name.endsWith("[]")) {
            fields.put(name, value);
        } else if (existing instanceof JsonArray list) {
            list.add(value);
        } else {
            JsonArray list = new JsonArray();
            if (existing != null) {
                list.add(existing);
            }
            fields.put(name, list.add(value));
        }
    }

    private static String boundary(String contentType) {
        String type = contentType == null ? "" : contentType;
        if (!type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw GatewayException.badField(
                    "file", "the request must be multipart/form-data with the audio in a 'file' part");
        }
        for (String parameter : type.split(";")) {
            String trimmed = parameter.strip();
            if (trimmed.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String value = trimmed.substring("boundary=".length());
                value = value.startsWith("\"") && value.endsWith("\"") && value.length() > 1
                        ? value.substring(1, value.length() - 1)
                        : value;
                if (!value.isEmpty()) {
                    return value;
                }
            }
        }
        throw malformed("the content type names no boundary");
    }

    private static boolean startsWith(byte[] bytes, int position, String text) {
        if (position + text.length() > bytes.length) {
            return true; // a body cut short ends the parts
        }
        for (int i = 0; i < text.length(); i++) {
            if (bytes[position + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(byte[] bytes, byte[] pattern, int from) {
        byte first = pattern[0];
        int last = bytes.length - pattern.length;
        for (int i = Math.max(0, from); i <= last; i++) {
            if (bytes[i] != first) {
                continue;
            }
            int j = 1;
            while (j < pattern.length && bytes[i + j] == pattern[j]) {
                j++;
            }
            if (j == pattern.length) {
                return i;
            }
        }
        return -1;
    }

    private static GatewayException malformed(String why) {
        return GatewayException.badField(null, "Malformed multipart/form-data body: " + why);
    }
}
