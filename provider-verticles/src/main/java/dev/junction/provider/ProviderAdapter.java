package dev.junction.provider;

import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.ProviderFamily;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

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

    /** The upstream HTTP request that carries out {@code call}. */
    UpstreamRequest toUpstream(ProviderCall call);

    /** A whole successful upstream body, as an OpenAI response. */
    ProviderReply.Complete fromUpstream(ProviderCall call, Buffer body);

    /** A fresh translator for one streamed answer. */
    StreamTranslator streamTranslator(ProviderCall call);

    /**
     * A non-2xx upstream answer as a gateway error: its kind (context window and content policy recognised
     * from the body), a message for the client and the upstream's {@code Retry-After}.
     */
    GatewayException classify(int status, MultiMap headers, Buffer body);
}
