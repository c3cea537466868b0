package dev.junction.gateway.admin;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * An admin request body checked against the fields its route accepts: unknown fields and values of the wrong
 * type are refused with a 400 that names them, before anything is written.
 */
public final class AdminRequest {
    private final JsonObject body;

    private AdminRequest(JsonObject body) {
        this.body = body;
    }

    public static AdminRequest parse(Buffer raw, Map<String, FieldType> fields) {
        JsonObject body;
        String text = raw == null ? "" : raw.toString().strip();
        if (text.isEmpty()) {
            body = new JsonObject();
        } else if (!text.startsWith("{")) {
            throw GatewayException.of(ErrorKind.BAD_REQUEST, "The request body must be a JSON object");
        } else {
            try {
                body = new JsonObject(text);
            } catch (DecodeException invalid) {
                throw GatewayException.of(ErrorKind.BAD_REQUEST, "The request body is not valid JSON");
            }
        }
        TreeSet<String> unknown = new TreeSet<>(body.fieldNames());
        unknown.removeAll(fields.keySet());
        if (!unknown.isEmpty()) {
            throw GatewayException.badField(
                    unknown.first(),
                    "Unknown field" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
                            + "; this route accepts " + new TreeSet<>(fields.keySet()));
        }
        for (Map.Entry<String, FieldType> field : fields.entrySet()) {
            Object value = body.getValue(field.getKey());
            String problem = value == null ? null : field.getValue().problem(value);
            if (problem != null) {
                throw GatewayException.badField(field.getKey(), field.getKey() + problem);
            }
        }
        return new AdminRequest(body);
    }

    /** A request that only sets {@code blocked}: what {@code /key/block} and {@code /team/block} apply. */
    public static AdminRequest blockedOnly(boolean blocked) {
        return of(new JsonObject().put("blocked", blocked));
    }

    /** A request Junction makes itself, with values already valid. */
    public static AdminRequest of(JsonObject body) {
        return new AdminRequest(body);
    }

    /** This request with {@code field} set to {@code value}: a value filled in from the config. */
    public AdminRequest with(String field, Object value) {
        return new AdminRequest(body.copy().put(field, value));
    }

    /** A field's raw JSON value, or null. */
    public Object value(String field) {
        return body.getValue(field);
    }

    /** The whole body, already checked against the route's fields. */
    JsonObject body() {
        return body.copy();
    }

    public boolean has(String field) {
        return body.containsKey(field);
    }

    public String string(String field) {
        return body.getString(field);
    }

    public String required(String field) {
        String value = body.getString(field);
        if (value == null || value.isBlank()) {
            throw GatewayException.badField(field, field + " is required");
        }
        return value;
    }

    public Double money(String field) {
        Number value = (Number) body.getValue(field);
        return value == null ? null : value.doubleValue();
    }

    public Long count(String field) {
        Number value = (Number) body.getValue(field);
        return value == null ? null : value.longValue();
    }

    public Integer smallCount(String field) {
        Number value = (Number) body.getValue(field);
        return value == null ? null : value.intValue();
    }

    public Boolean flag(String field) {
        return body.getBoolean(field);
    }

    public List<String> strings(String field) {
        JsonArray value = body.getJsonArray(field);
        return value == null
                ? List.of()
                : value.stream().map(String.class::cast).toList();
    }

    public JsonObject object(String field) {
        JsonObject value = body.getJsonObject(field);
        return value == null ? new JsonObject() : value;
    }

    public Map<String, String> stringMap(String field) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        object(field).forEach(entry -> map.put(entry.getKey(), (String) entry.getValue()));
        return map;
    }
}
