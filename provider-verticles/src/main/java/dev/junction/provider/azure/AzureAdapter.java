package dev.junction.provider.azure;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.config.Deployment;
import dev.junction.config.ProviderFamily;
import dev.junction.provider.UpstreamHeaders;
import dev.junction.provider.openai.OpenAiFormatAdapter;
import io.vertx.core.MultiMap;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Azure OpenAI: OpenAI's body format, but the deployment is named in the URL, the API version in the query
 * and the key in {@code api-key} (or an Entra ID token as a bearer). Azure serves the Responses API at {@code
 * /openai/responses} with the deployment named in the body; it has no moderations or rerank operation.
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
    protected MultiMap headers(Deployment deployment) {
        MultiMap headers = UpstreamHeaders.json(deployment);
        deployment
                .stringParam("azure_ad_token")
                .ifPresentOrElse(token -> headers.set("authorization", "Bearer " + token), () -> {
                    if (deployment.apiKey() != null) {
                        headers.set("api-key", deployment.apiKey().reveal());
                    }
                });
        return headers;
    }

    @Override
    protected String url(Deployment deployment, String operationPath) {
        String version = "?api-version=" + URLEncoder.encode(deployment.apiVersion(), StandardCharsets.UTF_8);
        if (operationPath.equals("responses")) {
            return deployment.apiBase() + "/openai/responses" + version;
        }
        return deployment.apiBase()
                + "/openai/deployments/"
                + URLEncoder.encode(deployment.upstreamModel(), StandardCharsets.UTF_8)
                + "/"
                + operationPath
                + version;
    }

    @Override
    protected boolean serves(Endpoint endpoint) {
        return endpoint != Endpoint.MODERATIONS && endpoint != Endpoint.RERANK;
    }

    @Override
    protected boolean servesResponses(Deployment deployment) {
        return true;
    }
}
