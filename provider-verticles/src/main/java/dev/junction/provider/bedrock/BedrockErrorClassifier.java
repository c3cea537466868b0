package dev.junction.provider.bedrock;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.RetryAfter;
import dev.junction.provider.aws.AwsErrorBody;
import dev.junction.provider.aws.AwsEventStreamDecoder;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Bedrock's errors as gateway errors, as LiteLLM maps them: throttling is a rate limit, a validation error about
 * the input's length a context-window error, a guardrail or content filter a content-policy error, an invalid
 * security token an authentication error, and a model that is not ready or an unavailable service a 503.
 */
final class BedrockErrorClassifier {
    static final String LABEL = "BedrockException";

    /** LiteLLM's phrases, plus Bedrock's newer wordings of the same error. */
    private static final List<String> CONTEXT_WINDOW = List.of(
            "too many tokens",
            "expected maxlength:",
            "input is too long",
            "prompt is too long",
            "prompt: length: 1..",
            "too many input tokens",
            "exceeds the context window",
            "maximum context length");

    private static final List<String> CONTENT_POLICY =
            List.of("content filtering policy", "content policy", "guardrail", "responsible ai");
    private static final String INVALID_TOKEN = "security token included in the request is invalid";

    private final Clock clock;

    BedrockErrorClassifier(Clock clock) {
        this.clock = clock;
    }

    GatewayException classify(int status, MultiMap headers, Buffer body) {
        AwsErrorBody error = AwsErrorBody.read(headers, body);
        String message = error.message().isEmpty() ? "HTTP " + status : error.message();
        return build(status, error.type(), message, RetryAfter.parse(headers, clock));
    }

    /** An exception frame of a stream: its type names the error, its status is Bedrock's for that type. */
    static GatewayException fromStreamException(JsonObject exception) {
        String type = exception.getString("exceptionType", "");
        String message = exception.getValue("message") instanceof String text ? text : type;
        if (AwsEventStreamDecoder.CORRUPT_FRAME.equals(type)) {
            return error(ErrorKind.BAD_GATEWAY, "bedrock sent " + message);
        }
        int status = exception.getValue("originalStatusCode") instanceof Number original
                ? original.intValue()
                : statusOf(type);
        return build(status, type, message, null);
    }

    private static GatewayException build(int status, String type, String message, Duration retryAfter) {
        ErrorKind kind = kindOf(status, type, message);
        return GatewayException.upstream(kind, kind.describe(LABEL + " - " + message), status, retryAfter);
    }

    static ErrorKind kindOf(int status, String type, String message) {
        String exception = type.toLowerCase(Locale.ROOT);
        String lower = message.toLowerCase(Locale.ROOT);
        // The phrases are read on validation errors only: a throttle says "too many tokens" per minute too.
        boolean validation = status == 400 || exception.equals("validationexception");
        if (validation && CONTEXT_WINDOW.stream().anyMatch(lower::contains)) {
            return ErrorKind.CONTEXT_WINDOW_EXCEEDED;
        }
        if (status == 400 && CONTENT_POLICY.stream().anyMatch(lower::contains)) {
            return ErrorKind.CONTENT_POLICY_VIOLATION;
        }
        return switch (exception) {
            case "throttlingexception", "servicequotaexceededexception", "toomanyrequestsexception" -> ErrorKind
                    .RATE_LIMITED;
            case "accessdeniedexception" -> ErrorKind.PERMISSION_DENIED;
            case "unrecognizedclientexception",
                    "invalidsignatureexception",
                    "expiredtokenexception",
                    "missingauthenticationtokenexception" -> ErrorKind.AUTHENTICATION;
            case "modelnotreadyexception", "serviceunavailableexception", "internalserverexception" -> ErrorKind
                    .SERVICE_UNAVAILABLE;
            case "modeltimeoutexception" -> ErrorKind.TIMEOUT;
            case "resourcenotfoundexception" -> ErrorKind.NOT_FOUND;
            default -> lower.contains(INVALID_TOKEN) ? ErrorKind.AUTHENTICATION : byStatus(status);
        };
    }

    /** LiteLLM reads Bedrock's 500 as a ServiceUnavailableError, so it is retried and falls back as one. */
    private static ErrorKind byStatus(int status) {
        return status == 500 ? ErrorKind.SERVICE_UNAVAILABLE : ErrorKind.forUpstreamStatus(status);
    }

    /** The HTTP status Bedrock documents for each exception, for exception frames that carry none. */
    static int statusOf(String type) {
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "validationexception" -> 400;
            case "accessdeniedexception" -> 403;
            case "resourcenotfoundexception" -> 404;
            case "modeltimeoutexception" -> 408;
            case "modelerrorexception" -> 424;
            case "throttlingexception", "servicequotaexceededexception", "modelnotreadyexception" -> 429;
            case "serviceunavailableexception" -> 503;
            default -> 500; // internalServerException, modelStreamErrorException without a status, unknown ones
        };
    }

    /** An error Junction raises itself about a Bedrock call, worded like the upstream ones. */
    static GatewayException error(ErrorKind kind, String text) {
        return GatewayException.of(kind, kind.describe(LABEL + " - " + text));
    }
}
