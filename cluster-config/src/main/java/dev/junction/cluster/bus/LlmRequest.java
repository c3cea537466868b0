package dev.junction.cluster.bus;

import dev.junction.cluster.observe.CallObservation;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A validated client request, handed from the HTTP verticle to the router.
 *
 * @param callId the {@code x-litellm-call-id} of this call
 * @param endpoint the operation
 * @param model the requested model name, as the client sent it
 * @param body the parsed request body; shared by reference, so nobody may mutate it
 * @param rawBody the body as received, forwarded untouched when no translation is needed
 * @param stream whether the client asked for SSE
 * @param timeoutOverride a timeout the client asked for ({@code x-litellm-timeout}), or null
 * @param cancellation fired when the client disconnects
 * @param receivedNanos {@link System#nanoTime()} when the request arrived
 * @param grant what the caller's virtual key (and team) allows, or null for the master key and an open gateway
 * @param surface the client's original request when it came on another API (Messages, Responses) and {@code
 *     body} is its translation to chat; null for OpenAI's own operations
 * @param files the files of a multipart upload, whose text fields are {@code body}; empty for JSON requests
 * @param observation what watches this call (metrics, traces, ...); {@link CallObservation#NONE} when nothing does
 */
public record LlmRequest(
        String callId,
        Endpoint endpoint,
        String model,
        JsonObject body,
        Buffer rawBody,
        boolean stream,
        Duration timeoutOverride,
        Cancellation cancellation,
        long receivedNanos,
        KeyGrant grant,
        SurfaceRequest surface,
        List<FormFile> files,
        CallObservation observation) {

    public LlmRequest {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(cancellation, "cancellation");
        files = files == null ? List.of() : List.copyOf(files);
        observation = observation == null ? CallObservation.NONE : observation;
    }

    /** A request of OpenAI's own format, which nothing observes. */
    public LlmRequest(
            String callId,
            Endpoint endpoint,
            String model,
            JsonObject body,
            Buffer rawBody,
            boolean stream,
            Duration timeoutOverride,
            Cancellation cancellation,
            long receivedNanos,
            KeyGrant grant) {
        this(
                callId,
                endpoint,
                model,
                body,
                rawBody,
                stream,
                timeoutOverride,
                cancellation,
                receivedNanos,
                grant,
                null,
                List.of(),
                CallObservation.NONE);
    }

    /** A request made without a virtual key. */
    public LlmRequest(
            String callId,
            Endpoint endpoint,
            String model,
            JsonObject body,
            Buffer rawBody,
            boolean stream,
            Duration timeoutOverride,
            Cancellation cancellation,
            long receivedNanos) {
        this(callId, endpoint, model, body, rawBody, stream, timeoutOverride, cancellation, receivedNanos, null);
    }

    /** Whether the client asked for a closing usage chunk in its stream ({@code stream_options.include_usage}). */
    public boolean includeUsage() {
        return body.getValue("stream_options") instanceof JsonObject options
                && Boolean.TRUE.equals(options.getValue("include_usage"));
    }

    /**
     * This request for another model (one of a batch completion's): its body a copy naming {@code other}, sent
     * upstream re-encoded.
     */
    public LlmRequest withModel(String other) {
        return withBody(other, body.copy().put("model", other));
    }

    /**
     * This request with another body (the raw bytes, surface and files kept: a provider forwards the bytes only if
     * nothing changed).
     */
    public LlmRequest withBody(JsonObject replacement) {
        return new LlmRequest(
                callId,
                endpoint,
                model,
                replacement,
                rawBody,
                stream,
                timeoutOverride,
                cancellation,
                receivedNanos,
                grant,
                surface,
                files,
                observation);
    }

    /** This request on behalf of a virtual key, for {@code routedModel} (the model after the key's aliases). */
    public LlmRequest forKey(String routedModel, KeyGrant keyGrant) {
        return new LlmRequest(
                callId,
                endpoint,
                routedModel,
                body,
                rawBody,
                stream,
                timeoutOverride,
                cancellation,
                receivedNanos,
                keyGrant,
                surface,
                files,
                observation);
    }

    /** This request for {@code otherModel} with another body (a fallback's): the raw bytes no longer match it. */
    public LlmRequest withBody(String otherModel, JsonObject otherBody) {
        return new LlmRequest(
                callId,
                endpoint,
                otherModel,
                otherBody,
                null,
                stream,
                timeoutOverride,
                cancellation,
                receivedNanos,
                grant,
                surface,
                files,
                observation);
    }

    /** This request as the translation of {@code original}, a request that came on another inbound API. */
    public LlmRequest withSurface(SurfaceRequest original) {
        return new LlmRequest(
                callId,
                endpoint,
                model,
                body,
                rawBody,
                stream,
                timeoutOverride,
                cancellation,
                receivedNanos,
                grant,
                original,
                files,
                observation);
    }

    /** This request with the files of its multipart upload. */
    public LlmRequest withFiles(List<FormFile> uploaded) {
        return new LlmRequest(
                callId,
                endpoint,
                model,
                body,
                rawBody,
                stream,
                timeoutOverride,
                cancellation,
                receivedNanos,
                grant,
                surface,
                uploaded,
                observation);
    }

    /** This request, watched by {@code watcher}. */
    public LlmRequest observedBy(CallObservation watcher) {
        return new LlmRequest(
                callId,
                endpoint,
                model,
                body,
                rawBody,
                stream,
                timeoutOverride,
                cancellation,
                receivedNanos,
                grant,
                surface,
                files,
                watcher);
    }
}
