package dev.junction.provider.aws;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * An AWS JSON error answer: {@code {"message": "..."}} (or {@code Message}), its type in the {@code
 * x-amzn-ErrorType} header ({@code ThrottlingException:http://internal.amazon.com/...}) or in a {@code __type}
 * field ({@code com.amazon.coral.service#ThrottlingException}).
 *
 * @param type the exception's short name, or empty when the answer names none
 * @param message the message, or the raw body shortened when it is not AWS's JSON
 */
public record AwsErrorBody(String type, String message) {
    private static final int MAX_RAW_BODY = 300;

    public static AwsErrorBody read(MultiMap headers, Buffer body) {
        JsonObject json = json(body);
        String message = json == null ? null : text(json, "message");
        if (message == null && json != null) {
            message = text(json, "Message");
        }
        if (message == null) {
            String raw = body == null ? "" : body.toString().strip();
            message = raw.length() <= MAX_RAW_BODY ? raw : raw.substring(0, MAX_RAW_BODY) + "...";
        }
        String type = headers == null ? null : headers.get("x-amzn-ErrorType");
        if ((type == null || type.isBlank()) && json != null) {
            type = text(json, "__type");
        }
        return new AwsErrorBody(shortName(type), message);
    }

    /** {@code ThrottlingException:http://...} and {@code com.amazon...#ThrottlingException} as the bare name. */
    static String shortName(String type) {
        if (type == null) {
            return "";
        }
        String name = type.strip();
        int colon = name.indexOf(':');
        if (colon >= 0) {
            name = name.substring(0, colon);
        }
        int hash = name.lastIndexOf('#');
        return hash >= 0 ? name.substring(hash + 1) : name;
    }

    private static JsonObject json(Buffer body) {
        if (body == null || body.length() == 0) {
            return null;
        }
        try {
            return body.toJsonObject();
        } catch (DecodeException | ClassCastException notJson) {
            return null;
        }
    }

    private static String text(JsonObject json, String field) {
        return json.getValue(field) instanceof String value ? value : null;
    }
}
