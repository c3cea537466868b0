package dev.junction.provider.cohere;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Deployment;
import dev.junction.config.ProviderFamily;
import dev.junction.provider.ProviderAdapter;
import dev.junction.provider.StreamTranslator;
import dev.junction.provider.UnsupportedEndpoint;
import dev.junction.provider.UpstreamHeaders;
import dev.junction.provider.UpstreamRequest;
import dev.junction.provider.openai.OpenAiErrorClassifier;
import dev.junction.provider.params.OpenAiParams;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * Cohere's v2 API for {@code cohere/} and {@code cohere_chat/} models: chat on {@code /v2/chat} (streams are
 * SSE with Cohere's own events), embeddings on {@code /v2/embed}, the key as a bearer token. Cohere's errors
 * ({@code {"message": ...}}) read like OpenAI-format ones. Legacy completions are refused: Cohere retired its
 * generate API.
 */
public final class CohereAdapter implements ProviderAdapter {
    static final String LABEL = "CohereException";

    private final Clock clock;
    private final OpenAiErrorClassifier errors = new OpenAiErrorClassifier(LABEL);

    public CohereAdapter() {
        this(Clock.systemUTC());
    }

    public CohereAdapter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public ProviderFamily family() {
        return ProviderFamily.COHERE;
    }

    @Override
    public String errorLabel() {
        return LABEL;
    }

    @Override
    public Optional<Set<String>> supportedOpenAiParams(ProviderCall call) {
        return Optional.of(CohereParams.SUPPORTED);
    }

    /** Embeddings: {@code dimensions} only ({@code output_dimension}): {@code encoding_format} is not translated. */
    @Override
    public Optional<Set<String>> supportedOperationParams(ProviderCall call) {
        return Optional.of(OpenAiParams.DIMENSIONS_ONLY);
    }

    @Override
    public UpstreamRequest toUpstream(ProviderCall call) {
        Deployment deployment = call.deployment();
        Endpoint endpoint = call.request().endpoint();
        JsonObject body =
                switch (endpoint) {
                    case CHAT_COMPLETIONS -> CohereRequests.chat(call);
                    case EMBEDDINGS -> CohereRequests.embed(call);
                    default -> throw UnsupportedEndpoint.of(LABEL, "cohere", endpoint);
                };
        String path = endpoint == Endpoint.EMBEDDINGS ? "/v2/embed" : "/v2/chat";
        MultiMap headers = UpstreamHeaders.json(deployment);
        if (deployment.apiKey() != null) {
            headers.set("authorization", "Bearer " + deployment.apiKey().reveal());
        }
        return new UpstreamRequest(url(deployment.apiBase(), path), headers, body.toBuffer());
    }

    /** {@code api_base} may be the host, or already end with {@code /v2} or the whole path. */
    static String url(String apiBase, String path) {
        if (apiBase.endsWith(path)) {
            return apiBase;
        }
        return apiBase.endsWith("/v2") ? apiBase + path.substring("/v2".length()) : apiBase + path;
    }

    @Override
    public ProviderReply.Complete fromUpstream(ProviderCall call, Buffer body) {
        String model = call.deployment().upstreamModel();
        try {
            JsonObject answer = body.toJsonObject();
            return call.request().endpoint() == Endpoint.EMBEDDINGS
                    ? CohereAnswers.embeddings(answer, model)
                    : CohereAnswers.chat(answer, model, clock.instant().getEpochSecond());
        } catch (DecodeException | ClassCastException malformed) {
            ErrorKind kind = ErrorKind.BAD_GATEWAY;
            throw GatewayException.of(
                    kind, kind.describe(LABEL + " - the upstream answer is not a Cohere v2 response"));
        }
    }

    @Override
    public StreamTranslator streamTranslator(ProviderCall call) {
        return new CohereStreamTranslator(
                call.request().includeUsage(),
                call.deployment().upstreamModel(),
                clock.instant().getEpochSecond());
    }

    @Override
    public GatewayException classify(int status, MultiMap headers, Buffer body) {
        return errors.classify(status, headers, body);
    }
}
