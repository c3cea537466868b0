package dev.junction.provider.huggingface;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Deployment;
import dev.junction.config.ProviderFamily;
import dev.junction.provider.EmbeddingInputs;
import dev.junction.provider.ProviderAdapter;
import dev.junction.provider.RequestBodies;
import dev.junction.provider.StreamTranslator;
import dev.junction.provider.UnsupportedEndpoint;
import dev.junction.provider.UpstreamHeaders;
import dev.junction.provider.UpstreamRequest;
import dev.junction.provider.openai.OpenAiErrorClassifier;
import dev.junction.provider.openai.OpenAiResponses;
import dev.junction.provider.openai.OpenAiStreamTranslator;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Hugging Face, whose chat APIs all speak OpenAI's format. Without {@code api_base} a model goes to the
 * serverless inference router, {@code https://router.huggingface.co/v1/chat/completions}, with the inference
 * provider LiteLLM picks: {@code huggingface/<provider>/<org>/<model>} names one (e.g. {@code together}),
 * {@code huggingface/<org>/<model>} means {@code hf-inference}; the router is told as {@code
 * <org>/<model>:<provider>} and maps the model to the provider's own id itself (LiteLLM looks the id up on the
 * Hub first; the router does the same lookup). With {@code api_base} (an Inference Endpoint, or any
 * Text Generation Inference server) calls go to its OpenAI route, {@code {api_base}/v1/chat/completions}, and
 * legacy completions to {@code /v1/completions}. Embeddings use the feature-extraction task ({@code
 * {"inputs": [...]}}, a list of vectors back), at {@code api_base} or on the router's {@code hf-inference}.
 */
public final class HuggingFaceAdapter implements ProviderAdapter {
    static final String LABEL = "HuggingfaceException";
    static final String DEFAULT_PROVIDER = "hf-inference";

    private final OpenAiErrorClassifier errors = new OpenAiErrorClassifier(LABEL);

    @Override
    public ProviderFamily family() {
        return ProviderFamily.HUGGINGFACE;
    }

    @Override
    public String errorLabel() {
        return LABEL;
    }

    @Override
    public UpstreamRequest toUpstream(ProviderCall call) {
        Deployment deployment = call.deployment();
        boolean ownServer = deployment.litellmParams().getValue("api_base") != null;
        Endpoint endpoint = call.request().endpoint();
        MultiMap headers = UpstreamHeaders.json(deployment);
        if (deployment.apiKey() != null) {
            headers.set("authorization", "Bearer " + deployment.apiKey().reveal());
        }
        if (endpoint == Endpoint.EMBEDDINGS) {
            JsonObject body = new JsonObject().put("inputs", new JsonArray(EmbeddingInputs.texts(call, "huggingface")));
            return new UpstreamRequest(embeddingsUrl(deployment, ownServer), headers, body.toBuffer());
        }
        if (endpoint != Endpoint.CHAT_COMPLETIONS && !ownServer) {
            // The router serves chat only; an own server takes any operation of OpenAI's API.
            throw UnsupportedEndpoint.of(LABEL, "the huggingface router", endpoint);
        }
        JsonObject body = RequestBodies.forUpstream(call);
        String url;
        if (ownServer) {
            url = openAiUrl(deployment.apiBase(), endpoint);
        } else {
            body.put("model", routedModel(deployment.upstreamModel()));
            url = deployment.apiBase() + "/v1/chat/completions";
        }
        return new UpstreamRequest(url, headers, body.toBuffer());
    }

    /** {@code <org>/<model>:<provider>}, the router's way of naming the inference provider. */
    static String routedModel(String model) {
        String[] parts = model.split("/", 3);
        if (parts.length == 3) {
            return parts[1] + "/" + parts[2] + ":" + parts[0];
        }
        return model.contains(":") ? model : model + ":" + DEFAULT_PROVIDER;
    }

    /** A server's OpenAI route; a base already ending with {@code /v1} or the whole path is taken as it is. */
    static String openAiUrl(String apiBase, Endpoint endpoint) {
        String path = "/v1/" + endpoint.path();
        if (apiBase.endsWith(path)) {
            return apiBase;
        }
        return apiBase.endsWith("/v1") ? apiBase + "/" + endpoint.path() : apiBase + path;
    }

    private static String embeddingsUrl(Deployment deployment, boolean ownServer) {
        if (ownServer) {
            return deployment.apiBase();
        }
        return deployment.apiBase() + "/" + DEFAULT_PROVIDER + "/models/" + deployment.upstreamModel()
                + "/pipeline/feature-extraction";
    }

    @Override
    public ProviderReply.Complete fromUpstream(ProviderCall call, Buffer body) {
        if (call.request().endpoint() == Endpoint.EMBEDDINGS) {
            return FeatureExtraction.toOpenAi(body, call.deployment().upstreamModel());
        }
        return OpenAiResponses.complete(body, LABEL);
    }

    @Override
    public StreamTranslator streamTranslator(ProviderCall call) {
        return new OpenAiStreamTranslator(!call.request().includeUsage(), errors);
    }

    @Override
    public GatewayException classify(int status, MultiMap headers, Buffer body) {
        return errors.classify(status, headers, body);
    }
}
