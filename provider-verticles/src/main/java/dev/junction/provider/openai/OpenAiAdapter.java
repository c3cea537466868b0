package dev.junction.provider.openai;

import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Deployment;
import dev.junction.config.ProviderFamily;
import dev.junction.provider.ProviderAdapter;
import dev.junction.provider.RequestBodies;
import dev.junction.provider.StreamTranslator;
import dev.junction.provider.UpstreamHeaders;
import dev.junction.provider.UpstreamRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/** OpenAI and every OpenAI-compatible server: the request goes out in the client's own format. */
public final class OpenAiAdapter implements ProviderAdapter {
    private static final String LABEL = "OpenAIException";
    private final OpenAiErrorClassifier classifier = new OpenAiErrorClassifier(LABEL);

    @Override
    public ProviderFamily family() {
        return ProviderFamily.OPENAI;
    }

    @Override
    public String errorLabel() {
        return LABEL;
    }

    @Override
    public UpstreamRequest toUpstream(ProviderCall call) {
        Deployment deployment = call.deployment();
        MultiMap headers = UpstreamHeaders.json(deployment);
        if (deployment.apiKey() != null) {
            headers.set("authorization", "Bearer " + deployment.apiKey().reveal());
        }
        deployment.stringParam("organization").ifPresent(org -> headers.set("openai-organization", org));
        String url = deployment.apiBase() + "/" + call.request().endpoint().path();
        return new UpstreamRequest(url, headers, body(call));
    }

    static Buffer body(ProviderCall call) {
        if (RequestBodies.passesThroughUnchanged(call) && call.request().rawBody() != null) {
            return call.request().rawBody();
        }
        return RequestBodies.forUpstream(call).toBuffer();
    }

    @Override
    public ProviderReply.Complete fromUpstream(ProviderCall call, Buffer body) {
        return OpenAiResponses.complete(body, LABEL);
    }

    @Override
    public StreamTranslator streamTranslator(ProviderCall call) {
        return new OpenAiStreamTranslator();
    }

    @Override
    public GatewayException classify(int status, MultiMap headers, Buffer body) {
        return classifier.classify(status, headers, body);
    }
}
