package dev.junction.provider.vertex;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Deployment;
import dev.junction.config.ProviderFamily;
import dev.junction.provider.ProviderAdapter;
import dev.junction.provider.RequestSigner;
import dev.junction.provider.StreamTranslator;
import dev.junction.provider.UnsupportedEndpoint;
import dev.junction.provider.UpstreamHeaders;
import dev.junction.provider.UpstreamRequest;
import dev.junction.provider.anthropic.AnthropicAdapter;
import dev.junction.provider.anthropic.AnthropicParams;
import dev.junction.provider.gemini.GeminiParams;
import dev.junction.provider.gemini.GeminiRequestTranslator;
import dev.junction.provider.gemini.GeminiResponseTranslator;
import dev.junction.provider.gemini.GeminiStreamTranslator;
import dev.junction.provider.google.GoogleErrorClassifier;
import dev.junction.provider.google.GoogleTokens;
import dev.junction.provider.params.OpenAiParams;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Vertex AI: Gemini models through {@code generateContent} (the Gemini translation), Anthropic's Claude models
 * through {@code rawPredict} / {@code streamRawPredict} (the Anthropic translation, with {@code
 * anthropic_version: vertex-2023-10-16} in the body and no model there, since the URL names it), and
 * text-embedding models through {@code predict}. Every request carries an OAuth2 access token, added by
 * {@link VertexSigner}. Legacy completions, and Vertex's other partner models, are not served.
 */
public final class VertexAdapter implements ProviderAdapter {
    /** LiteLLM's name for Vertex AI errors. */
    static final String LABEL = "VertexAIException";

    static final String ANTHROPIC_VERSION = "vertex-2023-10-16";

    private final Clock clock;
    private final GoogleTokens tokens;
    private final GoogleErrorClassifier errors;
    private final GeminiRequestTranslator geminiRequests = new GeminiRequestTranslator(true, LABEL);
    private final GeminiResponseTranslator geminiResponses;
    private final AnthropicAdapter anthropic;

    /** @param tokens the node's token cache, shared by every Vertex verticle */
    public VertexAdapter(GoogleTokens tokens) {
        this(tokens, Clock.systemUTC());
    }

    public VertexAdapter(GoogleTokens tokens, Clock clock) {
        this.clock = clock;
        this.tokens = tokens;
        this.errors = new GoogleErrorClassifier(LABEL, clock);
        this.geminiResponses = new GeminiResponseTranslator(clock, errors);
        this.anthropic = new AnthropicAdapter(clock);
    }

    /** The node's token cache for Vertex AI verticles, labelled as their errors are. */
    public static GoogleTokens newTokenCache() {
        return new GoogleTokens(Clock.systemUTC(), LABEL);
    }

    @Override
    public ProviderFamily family() {
        return ProviderFamily.VERTEX;
    }

    @Override
    public String errorLabel() {
        return LABEL;
    }

    @Override
    public RequestSigner signer(Vertx vertx) {
        return new VertexSigner(vertx, tokens, LABEL);
    }

    @Override
    public Optional<Set<String>> supportedOpenAiParams(ProviderCall call) {
        return Optional.of(
                isClaude(call.deployment().upstreamModel()) ? AnthropicParams.SUPPORTED : GeminiParams.SUPPORTED);
    }

    /** Embeddings: {@code dimensions} only ({@code outputDimensionality}), as LiteLLM's Vertex AI embedding list. */
    @Override
    public Optional<Set<String>> supportedOperationParams(ProviderCall call) {
        return Optional.of(OpenAiParams.DIMENSIONS_ONLY);
    }

    @Override
    public UpstreamRequest toUpstream(ProviderCall call) {
        Deployment deployment = call.deployment();
        VertexSettings settings = VertexSettings.of(deployment);
        String model = deployment.upstreamModel();
        boolean stream = call.request().stream();
        Endpoint endpoint = call.request().endpoint();
        if (endpoint == Endpoint.EMBEDDINGS) {
            return request(
                    deployment, VertexUrls.of(settings, "google", model, "predict"), VertexEmbeddings.toBody(call));
        }
        if (endpoint != Endpoint.CHAT_COMPLETIONS) {
            throw UnsupportedEndpoint.of(LABEL, "vertex_ai", endpoint);
        }
        if (isClaude(model)) {
            JsonObject body = anthropic.messagesBody(call);
            body.remove("model");
            body.put("anthropic_version", ANTHROPIC_VERSION);
            String method = stream ? "streamRawPredict" : "rawPredict";
            return request(deployment, VertexUrls.of(settings, "anthropic", model, method), body);
        }
        String method = stream ? "streamGenerateContent" : "generateContent";
        String url = VertexUrls.of(settings, "google", model, method) + (stream ? "?alt=sse" : "");
        return request(deployment, url, geminiRequests.toBody(call));
    }

    /** LiteLLM routes every Vertex model whose name says {@code claude} to Anthropic's API. */
    static boolean isClaude(String model) {
        return model.toLowerCase(Locale.ROOT).contains("claude");
    }

    private static UpstreamRequest request(Deployment deployment, String url, JsonObject body) {
        MultiMap headers = UpstreamHeaders.json(deployment);
        return new UpstreamRequest(url, headers, body.toBuffer());
    }

    @Override
    public ProviderReply.Complete fromUpstream(ProviderCall call, Buffer body) {
        String model = call.deployment().upstreamModel();
        if (call.request().endpoint() == Endpoint.EMBEDDINGS) {
            return VertexEmbeddings.fromUpstream(body, model, errors);
        }
        return isClaude(model) ? anthropic.fromUpstream(call, body) : geminiResponses.toOpenAi(body, model);
    }

    @Override
    public StreamTranslator streamTranslator(ProviderCall call) {
        String model = call.deployment().upstreamModel();
        if (isClaude(model)) {
            return anthropic.streamTranslator(call);
        }
        return new GeminiStreamTranslator(call.request().includeUsage(), model, clock, errors);
    }

    /**
     * Vertex answers in Google's error shape, except for what Anthropic's model itself refuses, which keeps
     * Anthropic's shape ({@code "type": "error"}); each is read by its own classifier.
     */
    @Override
    public GatewayException classify(int status, MultiMap headers, Buffer body) {
        return isAnthropicError(body)
                ? anthropic.classify(status, headers, body)
                : errors.classify(status, headers, body);
    }

    private static boolean isAnthropicError(Buffer body) {
        try {
            return body.length() > 0
                    && body.toJsonValue() instanceof JsonObject json
                    && "error".equals(json.getValue("type"));
        } catch (DecodeException notJson) {
            return false;
        }
    }
}
