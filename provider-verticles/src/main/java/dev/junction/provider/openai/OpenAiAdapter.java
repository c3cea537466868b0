package dev.junction.provider.openai;

import dev.junction.cluster.bus.ProviderCall;
import dev.junction.config.Deployment;
import dev.junction.config.ProviderFamily;
import dev.junction.provider.RequestBodies;
import dev.junction.provider.UpstreamHeaders;
import dev.junction.provider.UpstreamRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/** OpenAI and every OpenAI-compatible server: the request goes out in the client's own format. */
public final class OpenAiAdapter extends OpenAiFormatAdapter {
    public OpenAiAdapter() {
        super("OpenAIException");
    }

    @Override
    public ProviderFamily family() {
        return ProviderFamily.OPENAI;
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
}
