package dev.junction.provider.openai;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.Surface;
import dev.junction.cluster.bus.SurfaceRequest;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Deployment;
import dev.junction.provider.MultipartBodies;
import dev.junction.provider.ProviderAdapter;
import dev.junction.provider.RequestBodies;
import dev.junction.provider.StreamTranslator;
import dev.junction.provider.UpstreamRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * Every upstream that speaks OpenAI's format (OpenAI itself, its compatible servers, Azure OpenAI): requests
 * go out in the client's own format, at the operation's path, and bodies and streams come back as they are;
 * errors are read from OpenAI's error shape. Uploads are sent as a multipart form, and a Responses API request
 * goes to {@code /responses} untranslated where the deployment serves that API. Subclasses say how a request is
 * addressed and authenticated, and which operations they serve.
 */
public abstract class OpenAiFormatAdapter implements ProviderAdapter {
    private final String label;
    private final OpenAiErrorClassifier classifier;

    /** @param label how messages name the upstream, e.g. {@code OpenAIException} */
    protected OpenAiFormatAdapter(String label) {
        this.label = label;
        this.classifier = new OpenAiErrorClassifier(label);
    }

    /** The headers of every request to the deployment, credentials included. */
    protected abstract MultiMap headers(Deployment deployment);

    /** The URL of an operation ({@code chat/completions}, {@code responses}, ...) on the deployment. */
    protected abstract String url(Deployment deployment, String operationPath);

    /** Whether the deployment serves {@code endpoint}; the others are refused before anything is sent. */
    protected boolean serves(Endpoint endpoint) {
        return true;
    }

    /** A JSON request's body: the client's fields, the gateway's own removed, the deployment's defaults added. */
    protected Buffer jsonBody(ProviderCall call) {
        return RequestBodies.forUpstream(call).toBuffer();
    }

    @Override
    public final String errorLabel() {
        return label;
    }

    @Override
    public final UpstreamRequest toUpstream(ProviderCall call) {
        Deployment deployment = call.deployment();
        Endpoint endpoint = call.request().endpoint();
        if (!serves(endpoint)) {
            throw GatewayException.of(
                    ErrorKind.UNSUPPORTED_BY_DEPLOYMENT,
                    ErrorKind.UNSUPPORTED_BY_DEPLOYMENT.describe(
                            label + " - " + deployment.provider().prefix() + " does not serve /" + endpoint.path()
                                    + " (deployment " + deployment.modelName() + ")"));
        }
        MultiMap headers = headers(deployment);
        if (passesThrough(call)) {
            JsonObject body = RequestBodies.nativeBody(call.request().surface(), deployment.upstreamModel());
            // Junction resolves previous_response_id itself (the input holds the conversation): the id is its own.
            body.remove("previous_response_id");
            return new UpstreamRequest(url(deployment, "responses"), headers, body.toBuffer());
        }
        if (!call.request().files().isEmpty()) {
            MultipartBodies.Form form = MultipartBodies.encode(
                    RequestBodies.forUpstream(call), call.request().files());
            headers.set("content-type", form.contentType());
            return new UpstreamRequest(url(deployment, endpoint.path()), headers, form.body());
        }
        return new UpstreamRequest(url(deployment, endpoint.path()), headers, jsonBody(call));
    }

    @Override
    public final ProviderReply.Complete fromUpstream(ProviderCall call, Buffer body) {
        if (passesThrough(call)) {
            return ResponsesPassThrough.complete(body, label);
        }
        return switch (call.request().endpoint()) {
            case AUDIO_SPEECH, AUDIO_TRANSCRIPTIONS -> AudioAnswers.complete(call, body, label);
            default -> OpenAiResponses.complete(body, label);
        };
    }

    @Override
    public final StreamTranslator streamTranslator(ProviderCall call) {
        if (passesThrough(call)) {
            return new ResponsesStreamRelay(label);
        }
        return new OpenAiStreamTranslator(!call.request().includeUsage(), classifier);
    }

    @Override
    public final GatewayException classify(int status, MultiMap headers, Buffer body) {
        return classifier.classify(status, headers, body);
    }

    private boolean passesThrough(ProviderCall call) {
        SurfaceRequest surface = call.request().surface();
        return surface != null && speaksNatively(surface.surface(), call.deployment());
    }

    /** Whether a deployment of this family serves the Responses API itself. */
    protected abstract boolean servesResponses(Deployment deployment);

    @Override
    public final boolean speaksNatively(Surface surface, Deployment deployment) {
        return surface == Surface.RESPONSES && servesResponses(deployment);
    }
}
