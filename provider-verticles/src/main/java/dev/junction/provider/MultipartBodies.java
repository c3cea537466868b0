package dev.junction.provider;

import dev.junction.cluster.bus.FormFile;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Encodes an upload as {@code multipart/form-data} (RFC 7578), the form OpenAI's audio transcription takes: the
 * text fields from the request's JSON body (a list as the field repeated, the way OpenAI's SDKs send {@code
 * timestamp_granularities[]}), then the files as the client sent them.
 */
public final class MultipartBodies {
    private static final String CRLF = "\r\n";

    private MultipartBodies() {}

    /** The encoded form and the content type that names its boundary. */
    public record Form(String contentType, Buffer body) {}

    public static Form encode(JsonObject fields, List<FormFile> files) {
        String boundary = "junction-" + UUID.randomUUID();
        Buffer body = Buffer.buffer();
        fields.forEach(field -> {
            Object value = field.getValue();
            if (value instanceof JsonArray list) {
                list.forEach(item -> textPart(body, boundary, field.getKey(), item));
            } else if (value != null) {
                textPart(body, boundary, field.getKey(), value);
            }
        });
        for (FormFile file : files) {
            body.appendString("--" + boundary + CRLF)
                    .appendString("Content-Disposition: form-data; name=\"" + quoted(file.field()) + "\"");
            if (file.filename() != null) {
                body.appendString("; filename=\"" + quoted(file.filename()) + "\"");
            }
            body.appendString(CRLF);
            String type = file.contentType() == null ? "application/octet-stream" : file.contentType();
            body.appendString("Content-Type: " + type + CRLF + CRLF)
                    .appendBuffer(file.data())
                    .appendString(CRLF);
        }
        body.appendString("--" + boundary + "--" + CRLF);
        return new Form("multipart/form-data; boundary=" + boundary, body);
    }

    private static void textPart(Buffer body, String boundary, String name, Object value) {
        String text =
                value instanceof JsonObject || value instanceof JsonArray ? value.toString() : String.valueOf(value);
        body.appendString("--" + boundary + CRLF)
                .appendString("Content-Disposition: form-data; name=\"" + quoted(name) + "\"" + CRLF + CRLF)
                .appendString(text, StandardCharsets.UTF_8.name())
                .appendString(CRLF);
    }

    /** Quotes and line breaks would end the header early; browsers escape them the same way. */
    private static String quoted(String value) {
        return value.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }
}
