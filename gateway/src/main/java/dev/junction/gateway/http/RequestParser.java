package dev.junction.gateway.http;

import dev.junction.cluster.bus.Cancellation;
import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.error.GatewayException;
import dev.junction.router.retry.RetryPolicyRules;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Parses and checks a client's request body once, at the edge. Anything malformed is refused here with a
 * 400 that names the field, so nothing downstream has to guard against it.
 */
public final class RequestParser {
    /** OpenAI's encodings of an embedding: a list of numbers, or base64 of little-endian float32s. */
    private static final List<String> ENCODING_FORMATS = List.of("float", "base64");

    private final ClientCredentialCheck credentials;

    public RequestParser(boolean allowClientCredentials) {
        this.credentials = new ClientCredentialCheck(allowClientCredentials);
    }

    LlmRequest parse(Endpoint endpoint, Buffer raw, String pathModel, String callIdHeader, String timeoutHeader) {
        return parse(endpoint, jsonObject(raw), raw, pathModel, callIdHeader, timeoutHeader);
    }

    /**
     * Checks a body already read into JSON: a multipart form's fields, or another API's request translated to
     * chat ({@code raw} is then null: there are no client bytes to forward).
     */
    public LlmRequest parse(
            Endpoint endpoint,
            JsonObject body,
            Buffer raw,
            String pathModel,
            String callIdHeader,
            String timeoutHeader) {
        String model = pathModel != null ? pathModel : requireString(body, "model");
        checkPayload(endpoint, body);
        Object stream = body.getValue("stream");
        if (stream != null && !(stream instanceof Boolean)) {
            throw GatewayException.badField("stream", "stream must be a boolean");
        }
        credentials.check(body);
        Object numRetries = body.getValue("num_retries");
        if (numRetries != null) {
            // Checked here, before any upstream is called, rather than when the first attempt has failed.
            RetryPolicyRules.requestNumRetries(numRetries);
        }
        String callId = callIdHeader == null || callIdHeader.isBlank() ? randomCallId() : callIdHeader;
        return new LlmRequest(
                callId,
                endpoint,
                model,
                body,
                raw,
                Boolean.TRUE.equals(stream),
                timeoutHeader(timeoutHeader),
                new Cancellation(),
                System.nanoTime());
    }

    /**
     * The one credential check alone, for another API's request as the client sent it (its {@code metadata},
     * {@code fallbacks}, ...): its chat translation is checked again when it is parsed, but the original is
     * what a native deployment is sent, and only it names the fields where the client put them.
     */
    public void checkCredentials(JsonObject original) {
        credentials.check(original);
    }

    /**
     * A random (version 4) UUID, as {@link UUID#randomUUID()} makes, from the thread's own generator rather
     * than the shared {@code SecureRandom}: a call id must be unique, not unpredictable.
     */
    static String randomCallId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** The body as a JSON object; anything else is refused with a 400. */
    public static JsonObject jsonObject(Buffer raw) {
        if (raw == null || raw.length() == 0) {
            throw GatewayException.badField(null, "The request body is empty; expected a JSON object");
        }
        try {
            Object parsed = JsonBodies.parse(raw);
            if (parsed instanceof JsonObject object) {
                return object;
            }
        } catch (DecodeException malformed) {
            throw GatewayException.badField(null, "The request body is not valid JSON");
        }
        throw GatewayException.badField(null, "The request body must be a JSON object");
    }

    private static String requireString(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (value == null) {
            throw GatewayException.badField(field, field + " is required");
        }
        if (!(value instanceof String text) || text.isBlank()) {
            throw GatewayException.badField(field, field + " must be a non-empty string");
        }
        return text;
    }

    private static void checkPayload(Endpoint endpoint, JsonObject body) {
        switch (endpoint) {
            case CHAT_COMPLETIONS -> checkMessages(body.getValue("messages"));
            case COMPLETIONS -> requireTextOrList(body, "prompt");
            case EMBEDDINGS -> {
                requireTextOrList(body, "input");
                checkEncodingFormat(body.getValue("encoding_format"));
            }
            case MODERATIONS -> requireTextOrList(body, "input");
            case IMAGE_GENERATIONS -> requireString(body, "prompt");
            case AUDIO_SPEECH -> requireString(body, "input");
            case RERANK -> {
                requireString(body, "query");
                if (!(body.getValue("documents") instanceof JsonArray documents) || documents.isEmpty()) {
                    throw GatewayException.badField("documents", "documents must be a non-empty array");
                }
            }
            case AUDIO_TRANSCRIPTIONS -> {
                // the audio file is a part of the multipart form, checked where the form is read
            }
        }
    }

    private static void checkMessages(Object messages) {
        if (messages == null) {
            throw GatewayException.badField("messages", "messages is required");
        }
        if (!(messages instanceof JsonArray list) || list.isEmpty()) {
            throw GatewayException.badField("messages", "messages must be a non-empty array");
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.getValue(i) instanceof JsonObject message) || !(message.getValue("role") instanceof String)) {
                throw GatewayException.badField(
                        "messages", "messages[" + i + "] must be an object with a string 'role'");
            }
        }
    }

    private static void checkEncodingFormat(Object format) {
        if (format != null && !ENCODING_FORMATS.contains(format)) {
            throw GatewayException.badField(
                    "encoding_format", "encoding_format must be one of " + ENCODING_FORMATS + ", got '" + format + "'");
        }
    }

    private static void requireTextOrList(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (value == null) {
            throw GatewayException.badField(field, field + " is required");
        }
        if (!(value instanceof String) && !(value instanceof JsonArray array && !array.isEmpty())) {
            throw GatewayException.badField(field, field + " must be a string or a non-empty array");
        }
    }

    private static Duration timeoutHeader(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            double seconds = Double.parseDouble(header.strip());
            if (seconds > 0) {
                return Duration.ofNanos((long) (seconds * 1e9));
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw GatewayException.badField("x-litellm-timeout", "x-litellm-timeout must be a positive number of seconds");
    }
}
