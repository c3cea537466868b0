package dev.junction.provider.vertex;

import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.RequestSigner;
import dev.junction.provider.UpstreamRequest;
import dev.junction.provider.google.GoogleToken;
import dev.junction.provider.google.GoogleTokens;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Puts a Vertex AI request's OAuth2 access token in {@code Authorization}, and the credentials' project in
 * its URL when the deployment names none. The token comes from the node's shared cache; fetching it never
 * runs on an event loop.
 */
final class VertexSigner implements RequestSigner {
    private final Vertx vertx;
    private final GoogleTokens tokens;
    private final String label;

    VertexSigner(Vertx vertx, GoogleTokens tokens, String label) {
        this.vertx = vertx;
        this.tokens = tokens;
        this.label = label;
    }

    @Override
    public Future<UpstreamRequest> sign(ProviderCall call, UpstreamRequest request) {
        VertexSettings settings = VertexSettings.of(call.deployment());
        return tokens.token(vertx, settings.credentials()).map(token -> signed(request, token));
    }

    private UpstreamRequest signed(UpstreamRequest request, GoogleToken token) {
        String url = request.url();
        if (url.contains(VertexUrls.CREDENTIALS_PROJECT)) {
            if (token.projectId() == null) {
                throw GatewayException.of(
                        ErrorKind.BAD_REQUEST,
                        ErrorKind.BAD_REQUEST.describe(
                                label + " - vertex_project is not set and the credentials name no project"));
            }
            url = url.replace(VertexUrls.CREDENTIALS_PROJECT, token.projectId());
        }
        request.headers().set("authorization", "Bearer " + token.value());
        return new UpstreamRequest(url, request.headers(), request.body());
    }
}
