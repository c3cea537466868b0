package dev.junction.cluster.error;

/**
 * Every way a call through Junction can fail, with the HTTP status and OpenAI-style {@code type} a client
 * sees, and how the router and the circuit breakers treat it.
 *
 * <p>Mapped to HTTP in exactly one place (the gateway's error responder); everything else reasons about the
 * kind, never about raw status codes.
 */
public enum ErrorKind {
    BAD_REQUEST(400, "invalid_request_error", false, true, "BadRequestError"),
    INVALID_MODEL(400, "invalid_request_error", false, false, "BadRequestError"),
    /**
     * A deployment that cannot take the request at all (an operation its provider lacks, a Messages or
     * Responses feature chat cannot carry), said before anything is sent. It blames neither the request nor
     * the deployment: the router tries the group's other deployments at once, without a retry or a back-off,
     * and a client sees this 400 only when none of them can take it.
     */
    UNSUPPORTED_BY_DEPLOYMENT(400, "invalid_request_error", false, false, "BadRequestError"),
    CONTEXT_WINDOW_EXCEEDED(400, "invalid_request_error", false, true, "ContextWindowExceededError"),
    CONTENT_POLICY_VIOLATION(400, "invalid_request_error", false, true, "ContentPolicyViolationError"),
    AUTHENTICATION(401, "auth_error", false, true, "AuthenticationError"),
    /** A virtual key that was never made, or was deleted or regenerated. */
    KEY_NOT_FOUND(401, "token_not_found_in_db", false, false, "AuthenticationError"),
    KEY_EXPIRED(400, "expired_key", false, false, "AuthenticationError"),
    KEY_MODEL_ACCESS_DENIED(401, "key_model_access_denied", false, false, "AuthenticationError"),
    TEAM_MODEL_ACCESS_DENIED(401, "team_model_access_denied", false, false, "AuthenticationError"),
    BUDGET_EXCEEDED(400, "budget_exceeded", false, false, "BudgetExceededError"),
    PERMISSION_DENIED(403, "permission_error", false, true, "PermissionDeniedError"),
    NOT_FOUND(404, "not_found_error", false, true, "NotFoundError"),
    TIMEOUT(408, "timeout_error", true, true, "Timeout"),
    /** An upstream 409: a conflict that may clear, so it is retried (LiteLLM raises its generic APIError). */
    CONFLICT(409, "api_error", false, true, "APIError"),
    PAYLOAD_TOO_LARGE(413, "invalid_request_error", false, false, "BadRequestError"),
    /** The HTTP server refused the request line as too long, before any route. */
    URI_TOO_LONG(414, "invalid_request_error", false, false, "BadRequestError"),
    /** The HTTP server refused the request headers as too large, before any route. */
    HEADERS_TOO_LARGE(431, "invalid_request_error", false, false, "BadRequestError"),
    UNPROCESSABLE(422, "invalid_request_error", false, true, "UnprocessableEntityError"),
    RATE_LIMITED(429, "throttling_error", false, true, "RateLimitError"),
    NO_DEPLOYMENTS_AVAILABLE(429, "throttling_error", false, false, "RouterRateLimitError"),
    INTERNAL(500, "internal_server_error", true, true, "InternalServerError"),
    CONNECTION(500, "api_connection_error", true, true, "APIConnectionError"),
    BAD_GATEWAY(502, "bad_gateway_error", true, true, "BadGatewayError"),
    SERVICE_UNAVAILABLE(503, "service_unavailable_error", true, true, "ServiceUnavailableError"),
    CIRCUIT_OPEN(503, "service_unavailable_error", false, true, "ServiceUnavailableError"),
    /** The node is too busy to take the request now (it holds as many request bodies as its heap allows). */
    OVERLOADED(503, "service_unavailable_error", false, false, "ServiceUnavailableError"),
    /** A request in an HTTP version other than 1.0, 1.1 or 2. */
    NOT_IMPLEMENTED(501, "invalid_request_error", false, false, "BadRequestError"),
    /** The client went away before the answer; nobody will read this error, and it blames no deployment. */
    CLIENT_CLOSED(499, "client_closed_request", false, false, "APIConnectionError");

    private final int httpStatus;
    private final String type;
    private final boolean countsAgainstBreaker;
    private final boolean fromUpstream;
    private final String litellmName;

    ErrorKind(int httpStatus, String type, boolean countsAgainstBreaker, boolean fromUpstream, String litellmName) {
        this.httpStatus = httpStatus;
        this.type = type;
        this.countsAgainstBreaker = countsAgainstBreaker;
        this.fromUpstream = fromUpstream;
        this.litellmName = litellmName;
    }

    /**
     * The LiteLLM exception class of this kind. Error messages start with {@code litellm.<name>: } as
     * LiteLLM's do, because clients and dashboards match on that prefix.
     */
    public String litellmName() {
        return litellmName;
    }

    /** {@code message} with this kind's LiteLLM prefix. */
    public String describe(String message) {
        return "litellm." + litellmName + ": " + message;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The {@code error.type} of the OpenAI-shaped body. */
    public String type() {
        return type;
    }

    /**
     * Whether this failure says something about the health of the deployment's transport (timeouts,
     * connection errors, 5xx), as opposed to the request itself. Only those trip a circuit breaker: a 4xx
     * is the caller's problem and must never open the breaker for everyone else.
     */
    public boolean countsAgainstBreaker() {
        return countsAgainstBreaker;
    }

    /** Whether this kind describes an answer (or non-answer) of an upstream deployment. */
    public boolean fromUpstream() {
        return fromUpstream;
    }

    /**
     * LiteLLM's {@code _should_retry(status)}: 408, 409, 429 and every 5xx are worth another attempt; any other
     * status says the request itself is wrong and would fail again.
     */
    public static boolean retryableStatus(int status) {
        return status == 408 || status == 409 || status == 429 || status >= 500;
    }

    /** The kind an upstream HTTP status maps to when its body says nothing more specific. */
    public static ErrorKind forUpstreamStatus(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 401 -> AUTHENTICATION;
            case 403 -> PERMISSION_DENIED;
            case 404 -> NOT_FOUND;
            case 408 -> TIMEOUT;
            case 409 -> CONFLICT;
            case 413 -> BAD_REQUEST;
            case 422 -> UNPROCESSABLE;
            case 429 -> RATE_LIMITED;
            case 502 -> BAD_GATEWAY;
            case 503 -> SERVICE_UNAVAILABLE;
            case 504 -> TIMEOUT;
            default -> status >= 500 ? INTERNAL : BAD_REQUEST;
        };
    }
}
