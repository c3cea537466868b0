package dev.junction.provider.sagemaker;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.RetryAfter;
import dev.junction.provider.aws.AwsErrorBody;
import dev.junction.provider.aws.AwsEventStreamDecoder;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;

/**
 * SageMaker's errors as LiteLLM maps them. A container's own error arrives as {@code ModelError} (HTTP 424) with
 * {@code OriginalStatusCode} and {@code OriginalMessage}: the container's status decides the kind, and TGI's
 * "inputs tokens + max_new_tokens must be <=" is a context-window error.
 */
final class SageMakerErrors {
    static final String LABEL = "SagemakerException";

    private static final List<String> CONTEXT_WINDOW = List.of(
            "`inputs` tokens + `max_new_tokens` must be", "instance type with more cpu capacity or memory",
            "maximum context length", "input validation error: `inputs` must have less than");

    private SageMakerErrors() {}

    static GatewayException classify(int status, MultiMap headers, Buffer body) {
        AwsErrorBody error = AwsErrorBody.read(headers, body);
        JsonObject json = json(body);
        int effective = status;
        String message = error.message().isEmpty() ? "HTTP " + status : error.message();
        if (json != null && json.getValue("OriginalStatusCode") instanceof Number original) {
            effective = original.intValue();
            if (json.getValue("OriginalMessage") instanceof String originalMessage) {
                message = originalMessage;
            }
        }
        ErrorKind kind = kindOf(effective, error.type(), message);
        return GatewayException.upstream(
                kind, kind.describe(LABEL + " - " + message), effective, RetryAfter.parse(headers));
    }

    /** An exception frame of InvokeEndpointWithResponseStream ({@code ModelStreamError}, {@code InternalStreamFailure}). */
    static GatewayException fromStreamException(JsonObject exception) {
        String type = exception.getString("exceptionType", "");
        String message =
                exception.getValue("message") instanceof String text ? text : exception.getString("Message", type);
        if (AwsEventStreamDecoder.CORRUPT_FRAME.equals(type)) {
            return GatewayException.of(ErrorKind.BAD_GATEWAY, ErrorKind.BAD_GATEWAY.describe(LABEL + " - " + message));
        }
        ErrorKind kind = kindOf(500, type, message);
        return GatewayException.upstream(kind, kind.describe(LABEL + " - " + message), 500, null);
    }

    static ErrorKind kindOf(int status, String type, String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        if (CONTEXT_WINDOW.stream().anyMatch(phrase -> lower.contains(phrase.toLowerCase(Locale.ROOT)))) {
            return ErrorKind.CONTEXT_WINDOW_EXCEEDED;
        }
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "throttlingexception" -> ErrorKind.RATE_LIMITED;
            case "accessdeniedexception" -> ErrorKind.PERMISSION_DENIED;
            case "unrecognizedclientexception", "invalidsignatureexception", "expiredtokenexception" -> ErrorKind
                    .AUTHENTICATION;
            case "serviceunavailable", "serviceunavailableexception" -> ErrorKind.SERVICE_UNAVAILABLE;
            default -> switch (status) {
                case 424 -> ErrorKind.BAD_REQUEST; // LiteLLM: a failed dependency is the request's problem
                case 500 -> ErrorKind.SERVICE_UNAVAILABLE; // as LiteLLM maps SageMaker's 500
                default -> ErrorKind.forUpstreamStatus(status);
            };
        };
    }

    private static JsonObject json(Buffer body) {
        try {
            return body == null || body.length() == 0 ? null : body.toJsonObject();
        } catch (DecodeException | ClassCastException notJson) {
            return null;
        }
    }
}
