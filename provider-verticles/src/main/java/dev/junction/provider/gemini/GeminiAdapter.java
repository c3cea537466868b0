package dev.junction.provider.gemini;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Deployment;
import dev.junction.config.ProviderFamily;
import dev.junction.provider.ProviderAdapter;
import dev.junction.provider.StreamTranslator;
import dev.junction.provider.UnsupportedEndpoint;
import dev.junction.provider.UpstreamHeaders;
import dev.junction.provider.UpstreamRequest;
import dev.junction.provider.google.GoogleErrorClassifier;
import dev.junction.provider.params.OpenAiParams;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * OpenAI chat and embeddings to and from Google AI Studio's Gemini API: {@code
 * {api_base}/models/{model}:generateContent} ({@code :streamGenerateContent?alt=sse} for streams), {@code
 * :embedContent} and {@code :batchEmbedContents}, with the key in {@code x-goog-api-key} (which Google takes
 * like the {@code key} query parameter, and which keeps the key out of URLs and access logs). {@code api_base}
 * replaces {@code https://generativelanguage.googleapis.com/v1beta}, as LiteLLM builds custom bases.
 * Legacy completions are refused: Gemini has no such API.
 */
public final class GeminiAdapter implements ProviderAdapter {
    static final String DEFAULT_API_BASE = "https://generativelanguage.googleapis.com/v1beta";

    private final Clock clock;
    private final GoogleErrorClassifier errors;
    private final GeminiRequestTranslator requests;
    private final GeminiResponseTranslator responses;

    public GeminiAdapter() {
        this(Clock.systemUTC());
    }

    public GeminiAdapter(Clock clock) {
        this.clock = clock;
        this.errors = new GoogleErrorClassifier(errorLabel(), clock);
        this.requests = new GeminiRequestTranslator(false, errorLabel());
        this.responses = new GeminiResponseTranslator(clock, errors);
    }

    @Override
    public ProviderFamily family() {
        return ProviderFamily.GEMINI;
    }

    @Override
    public Optional<Set<String>> supportedOpenAiParams(ProviderCall call) {
        return Optional.of(GeminiParams.SUPPORTED);
    }

    /** Embeddings: {@code dimensions} only ({@code outputDimensionality}), as LiteLLM's Vertex AI embedding list. */
    @Override
    public Optional<Set<String>> supportedOperationParams(ProviderCall call) {
        return Optional.of(OpenAiParams.DIMENSIONS_ONLY);
    }

    @Override
    public UpstreamRequest toUpstream(ProviderCall call) {
        Deployment deployment = call.deployment();
        String base = deployment.apiBase() == null ? DEFAULT_API_BASE : deployment.apiBase();
        String model = deployment.upstreamModel();
        return switch (call.request().endpoint()) {
            case CHAT_COMPLETIONS -> request(
                    deployment,
                    methodUrl(
                            base, model, call.request().stream() ? "streamGenerateContent?alt=sse" : "generateContent"),
                    requests.toBody(call));
            case EMBEDDINGS -> request(
                    deployment, methodUrl(base, model, GeminiEmbeddings.method(call)), GeminiEmbeddings.toBody(call));
            default -> throw UnsupportedEndpoint.of(
                    errorLabel(), "gemini", call.request().endpoint());
        };
    }

    /** {@code {base}/models/{model}:{method}}; a model named with its collection ({@code tunedModels/x}) keeps it. */
    static String methodUrl(String base, String model, String method) {
        String resource = model.contains("/") ? model : "models/" + model;
        return base + "/" + resource + ":" + method;
    }

    private static UpstreamRequest request(Deployment deployment, String url, JsonObject body) {
        MultiMap headers = UpstreamHeaders.json(deployment);
        if (deployment.apiKey() != null) {
            headers.set("x-goog-api-key", deployment.apiKey().reveal());
        }
        return new UpstreamRequest(url, headers, body.toBuffer());
    }

    @Override
    public ProviderReply.Complete fromUpstream(ProviderCall call, Buffer body) {
        String model = call.deployment().upstreamModel();
        if (call.request().endpoint() == Endpoint.EMBEDDINGS) {
            return GeminiEmbeddings.fromUpstream(body, model, errors);
        }
        return responses.toOpenAi(body, model);
    }

    @Override
    public StreamTranslator streamTranslator(ProviderCall call) {
        return new GeminiStreamTranslator(
                call.request().includeUsage(), call.deployment().upstreamModel(), clock, errors);
    }

    @Override
    public GatewayException classify(int status, MultiMap headers, Buffer body) {
        return errors.classify(status, headers, body);
    }
}
