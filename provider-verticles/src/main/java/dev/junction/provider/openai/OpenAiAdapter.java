package dev.junction.provider.openai;

import dev.junction.cluster.bus.ProviderCall;
import dev.junction.config.Deployment;
import dev.junction.config.ProviderFamily;
import dev.junction.provider.RequestBodies;
import dev.junction.provider.UpstreamHeaders;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.Optional;
import java.util.Set;

/**
 * OpenAI and every OpenAI-compatible server: the request goes out in the client's own format, at the
 * operation's path under {@code api_base} (images, audio, moderations and rerank included: the server
 * answers whether it serves them). Only OpenAI itself is sent Responses API requests as they are: the
 * compatible servers get their translation to chat.
 */
public final class OpenAiAdapter extends OpenAiFormatAdapter {
    public OpenAiAdapter() {
        super("OpenAIException");
    }

    @Override
    public ProviderFamily family() {
        return ProviderFamily.OPENAI;
    }

    @Override
    public Optional<Set<String>> supportedOperationParams(ProviderCall call) {
        return OpenAiOperationParams.supported(call);
    }

    @Override
    protected MultiMap headers(Deployment deployment) {
        MultiMap headers = UpstreamHeaders.json(deployment);
        if (deployment.apiKey() != null) {
            headers.set("authorization", "Bearer " + deployment.apiKey().reveal());
        }
        deployment.stringParam("organization").ifPresent(org -> headers.set("openai-organization", org));
        return headers;
    }

    @Override
    protected String url(Deployment deployment, String operationPath) {
        return deployment.apiBase() + "/" + operationPath;
    }

    @Override
    protected boolean servesResponses(Deployment deployment) {
        return "openai".equals(deployment.provider().prefix());
    }

    @Override
    protected Buffer jsonBody(ProviderCall call) {
        return body(call);
    }

    static Buffer body(ProviderCall call) {
        if (RequestBodies.passesThroughUnchanged(call) && call.request().rawBody() != null) {
            return call.request().rawBody();
        }
        return RequestBodies.forUpstream(call).toBuffer();
    }
}
