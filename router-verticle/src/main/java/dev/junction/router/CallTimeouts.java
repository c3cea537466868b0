package dev.junction.router;

import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Deployment;
import dev.junction.config.RouterSettings;
import java.time.Duration;
import java.util.Optional;

/**
 * The timeout of one attempt, in LiteLLM's order: for a stream the first {@code stream_timeout} found
 * (request, deployment, router); otherwise the first {@code timeout} found (request body or {@code
 * x-litellm-timeout} header, deployment {@code timeout}/{@code request_timeout}, router).
 *
 * <p>A stream's timeout bounds the wait for its first content and any silence between chunks. When no
 * {@code stream_timeout} is set, it is a {@value #FIRST_CHUNK_SHARE_OF_TIMEOUT}th of the call's {@code
 * timeout}, where LiteLLM waits the whole {@code timeout}: a stream that says nothing for that long has most
 * likely failed, and the call still has the time to be answered elsewhere.
 */
public final class CallTimeouts {
    /** Without {@code stream_timeout}, a stream's first chunk may take this fraction of {@code timeout}. */
    static final int FIRST_CHUNK_SHARE_OF_TIMEOUT = 4;

    private CallTimeouts() {}

    public static Duration forAttempt(LlmRequest request, Deployment deployment, RouterSettings router) {
        if (request.stream()) {
            return seconds(request.body().getValue("stream_timeout"), "stream_timeout")
                    .or(() -> seconds(deployment.litellmParams().getValue("stream_timeout"), "stream_timeout"))
                    .or(() -> Optional.ofNullable(router.streamTimeout()))
                    .orElseGet(() -> whole(request, deployment, router).dividedBy(FIRST_CHUNK_SHARE_OF_TIMEOUT));
        }
        return whole(request, deployment, router);
    }

    private static Duration whole(LlmRequest request, Deployment deployment, RouterSettings router) {
        return seconds(request.body().getValue("timeout"), "timeout")
                .or(() -> seconds(request.body().getValue("request_timeout"), "request_timeout"))
                .or(() -> Optional.ofNullable(request.timeoutOverride()))
                .or(() -> seconds(deployment.litellmParams().getValue("timeout"), "timeout"))
                .or(() -> seconds(deployment.litellmParams().getValue("request_timeout"), "request_timeout"))
                .orElse(router.timeout());
    }

    private static Optional<Duration> seconds(Object value, String field) {
        if (value == null) {
            return Optional.empty();
        }
        double seconds;
        try {
            seconds = value instanceof Number number ? number.doubleValue() : Double.parseDouble(value.toString());
        } catch (NumberFormatException e) {
            throw GatewayException.badField(field, field + " must be a number of seconds, got '" + value + "'");
        }
        if (!(seconds > 0)) {
            throw GatewayException.badField(field, field + " must be positive, got " + value);
        }
        return Optional.of(Duration.ofNanos((long) (seconds * 1_000_000_000L)));
    }
}
