package dev.junction.provider.bedrock;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Deployment;
import dev.junction.config.ProviderFamily;
import dev.junction.provider.ProviderAdapter;
import dev.junction.provider.RequestSigner;
import dev.junction.provider.StreamDecoder;
import dev.junction.provider.StreamTranslator;
import dev.junction.provider.UpstreamHeaders;
import dev.junction.provider.UpstreamRequest;
import dev.junction.provider.aws.AwsCredentialSources;
import dev.junction.provider.aws.AwsEventStreamDecoder;
import dev.junction.provider.aws.SigV4Signer;
import dev.junction.provider.sse.SseEvent;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * OpenAI chat completions to and from Bedrock's Converse API ({@code POST /model/{id}/converse}, and {@code
 * /converse-stream} for streams, framed as AWS event streams), and embeddings through InvokeModel. Requests are
 * signed with SigV4 for the {@code bedrock} service, or carry a Bedrock API key as a bearer token when the
 * deployment has an {@code api_key} (or {@code AWS_BEARER_TOKEN_BEDROCK} is set).
 */
public final class BedrockAdapter implements ProviderAdapter {
    static final String SIGNING_NAME = "bedrock";

    private final AwsCredentialSources credentials;
    private final Clock clock;
    private final ConverseRequestTranslator requests = new ConverseRequestTranslator();
    private final ConverseResponseTranslator responses;
    private final BedrockErrorClassifier errors;

    /** @param credentials shared by the family's verticle instances, so credentials are resolved once a node */
    public BedrockAdapter(AwsCredentialSources credentials) {
        this(credentials, Clock.systemUTC());
    }

    BedrockAdapter(AwsCredentialSources credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
        this.responses = new ConverseResponseTranslator(clock);
        this.errors = new BedrockErrorClassifier(clock);
    }

    @Override
    public ProviderFamily family() {
        return ProviderFamily.BEDROCK;
    }

    @Override
    public Optional<Set<String>> supportedOpenAiParams(ProviderCall call) {
        return Optional.of(ConverseParams.SUPPORTED);
    }

    /** Embeddings: {@code dimensions} for Titan models; nothing for Cohere's, whose translation carries none. */
    @Override
    public Optional<Set<String>> supportedOperationParams(ProviderCall call) {
        return Optional.of(BedrockEmbeddings.supportedParams(call.deployment().upstreamModel()));
    }

    @Override
    public UpstreamRequest toUpstream(ProviderCall call) {
        Deployment deployment = call.deployment();
        JsonObject body;
        String operation;
        if (call.request().endpoint() == Endpoint.EMBEDDINGS) {
            body = BedrockEmbeddings.toBody(call);
            operation = "invoke";
        } else if (call.request().endpoint() == Endpoint.CHAT_COMPLETIONS) {
            body = requests.toBody(call);
            operation = call.request().stream() ? "converse-stream" : "converse";
        } else {
            throw BedrockErrorClassifier.error(
                    ErrorKind.UNSUPPORTED_BY_DEPLOYMENT,
                    "bedrock serves /chat/completions and /embeddings through Junction, not /"
                            + call.request().endpoint().path());
        }
        String url = BedrockModels.url(deployment.apiBase(), deployment.upstreamModel(), operation);
        return new UpstreamRequest(url, headers(deployment, call.request().stream()), body.toBuffer());
    }

    private static MultiMap headers(Deployment deployment, boolean stream) {
        MultiMap headers = UpstreamHeaders.json(deployment);
        headers.set("accept", stream ? "application/vnd.amazon.eventstream" : "application/json");
        String bearer =
                deployment.apiKey() != null ? deployment.apiKey().reveal() : System.getenv("AWS_BEARER_TOKEN_BEDROCK");
        if (bearer != null && !bearer.isBlank()) {
            headers.set("authorization", "Bearer " + bearer);
        }
        return headers;
    }

    @Override
    public ProviderReply.Complete fromUpstream(ProviderCall call, Buffer body) {
        String model = call.deployment().upstreamModel();
        return call.request().endpoint() == Endpoint.EMBEDDINGS
                ? BedrockEmbeddings.fromBody(body, model)
                : responses.toOpenAi(body, model);
    }

    @Override
    public StreamTranslator streamTranslator(ProviderCall call) {
        return new ConverseStreamTranslator(
                call.request().includeUsage(), call.deployment().upstreamModel(), clock);
    }

    @Override
    public StreamDecoder streamDecoder(ProviderCall call, Consumer<SseEvent> events) {
        return AwsEventStreamDecoder.jsonEvents(events);
    }

    @Override
    public RequestSigner signer(Vertx vertx) {
        return new SigV4Signer(vertx, credentials, SIGNING_NAME, BedrockErrorClassifier.LABEL, clock);
    }

    @Override
    public String errorLabel() {
        return BedrockErrorClassifier.LABEL;
    }

    @Override
    public GatewayException classify(int status, MultiMap headers, Buffer body) {
        return errors.classify(status, headers, body);
    }
}
