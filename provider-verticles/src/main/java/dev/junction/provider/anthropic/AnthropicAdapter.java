package dev.junction.provider.anthropic;

import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.ProviderFamily;
import dev.junction.provider.ProviderAdapter;
import dev.junction.provider.StreamTranslator;
import dev.junction.provider.UpstreamRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/** Placeholder until the Anthropic translation lands; refuses every call. */
public final class AnthropicAdapter implements ProviderAdapter {
    @Override
    public ProviderFamily family() {
        return ProviderFamily.ANTHROPIC;
    }

    @Override
    public UpstreamRequest toUpstream(ProviderCall call) {
        throw GatewayException.of(ErrorKind.BAD_REQUEST, "anthropic is not wired yet");
    }

    @Override
    public ProviderReply.Complete fromUpstream(ProviderCall call, Buffer body) {
        throw new UnsupportedOperationException();
    }

    @Override
    public StreamTranslator streamTranslator(ProviderCall call) {
        throw new UnsupportedOperationException();
    }

    @Override
    public GatewayException classify(int status, MultiMap headers, Buffer body) {
        throw new UnsupportedOperationException();
    }
}
