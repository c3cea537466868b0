package dev.junction.provider.azure;

import dev.junction.cluster.bus.ProviderCall;
import dev.junction.config.Deployment;
import dev.junction.config.ProviderFamily;
import dev.junction.provider.RequestBodies;
import dev.junction.provider.UpstreamHeaders;
import dev.junction.provider.UpstreamRequest;
import dev.junction.provider.openai.OpenAiFormatAdapter;
import io.vertx.core.MultiMap;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Azure OpenAI: OpenAI's body format, but the deployment is named in the URL, the API version in the query
 * and the key in {@code api-key} (or an Entra ID token as a bearer).
 */
public final class AzureAdapter extends OpenAiFormatAdapter {
    public AzureAdapter() {
        super("AzureException");
    }

    @Override
    public ProviderFamily family() {
        return ProviderFamily.AZURE;
    }

    @Override
    public UpstreamRequest toUpstream(ProviderCall call) {
        Deployment deployment = call.deployment();
        MultiMap headers = UpstreamHeaders.json(deployment);
        deployment
                .stringParam("azure_ad_token")
                .ifPresentOrElse(token -> headers.set("authorization", "Bearer " + token), () -> {
                    if (deployment.apiKey() != null) {
                        headers.set("api-key", deployment.apiKey().reveal());
                    }
                });
        String url = deployment.apiBase()
                + "/openai/deployments/"
                + URLEncoder.encode(deployment.upstreamModel(), StandardCharsets.UTF_8)
                + "/"
                + call.request().endpoint().path()
                + "?api-version="
                + URLEncoder.encode(deployment.apiVersion(), StandardCharsets.UTF_8);
        return new UpstreamRequest(url, headers, RequestBodies.forUpstream(call).toBuffer());
    }
}
