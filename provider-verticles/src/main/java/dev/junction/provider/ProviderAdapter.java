package dev.junction.provider;

import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.Surface;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Deployment;
import dev.junction.config.ProviderFamily;
import dev.junction.provider.sse.SseEvent;
import dev.junction.provider.sse.SseParser;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The translation between OpenAI's API, which Junction's clients speak, and one provider's wire format.
 * Pure functions of their inputs: no I/O, no Vert.x context, so each is unit-tested on recorded fixtures.
 */
public interface ProviderAdapter {

    ProviderFamily family();

    /** How error messages name this upstream, e.g. {@code AnthropicException}. */
    default String errorLabel() {
        String name = family().name();
        return name.charAt(0) + name.substring(1).toLowerCase(java.util.Locale.ROOT) + "Exception";
    }

    /**
     * Whether this deployment speaks {@code surface} natively, so that a request that came on it is passed
     * through as the client sent it ({@link dev.junction.cluster.bus.SurfaceRequest}) rather than as its
     * translation to chat; the answer is then in that API's format ({@code passedThrough} replies).
     */
    default boolean speaksNatively(Surface surface, Deployment deployment) {
        return false;
    }

    /**
     * The OpenAI chat parameters this provider's translation carries for {@code call} (a chat or completion
     * call), which {@link dev.junction.provider.params.UnsupportedParams} checks the request against before
     * {@link #toUpstream}; empty for a provider that takes OpenAI's format and is sent every parameter.
     */
    default Optional<Set<String>> supportedOpenAiParams(ProviderCall call) {
        return Optional.empty();
    }

    /**
     * The OpenAI parameters of an embedding, image generation or transcription call ({@link
     * dev.junction.provider.params.OpenAiParams}) this provider carries for {@code call}, checked as {@link
     * #supportedOpenAiParams} is for chat; empty for a provider that is sent every parameter.
     */
    default Optional<Set<String>> supportedOperationParams(ProviderCall call) {
        return Optional.empty();
    }

    /** The upstream HTTP request that carries out {@code call}. */
    UpstreamRequest toUpstream(ProviderCall call);

    /** A whole successful upstream body, as an OpenAI response. */
    ProviderReply.Complete fromUpstream(ProviderCall call, Buffer body);

    /** A fresh translator for one streamed answer. */
    StreamTranslator streamTranslator(ProviderCall call);

    /**
     * How a streamed answer's bytes are cut into events for {@link #streamTranslator}: Server-Sent Events
     * unless the provider frames its streams otherwise.
     */
    default StreamDecoder streamDecoder(ProviderCall call, Consumer<SseEvent> events) {
        return new SseParser(events);
    }

    /**
     * What completes a translated request with credentials that take I/O or a signature (made once per
     * provider verticle). The pure translation above stays free of I/O; this is where it is allowed.
     */
    default RequestSigner signer(Vertx vertx) {
        return RequestSigner.NONE;
    }

    /**
     * A non-2xx upstream answer as a gateway error: its kind (context window and content policy recognised
     * from the body), a message for the client and the upstream's {@code Retry-After}.
     */
    GatewayException classify(int status, MultiMap headers, Buffer body);
}
