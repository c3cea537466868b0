package dev.junction.provider.sagemaker;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Deployment;
import dev.junction.config.ProviderFamily;
import dev.junction.provider.ProviderAdapter;
import dev.junction.provider.RequestBodies;
import dev.junction.provider.RequestSigner;
import dev.junction.provider.StreamDecoder;
import dev.junction.provider.StreamTranslator;
import dev.junction.provider.UpstreamHeaders;
import dev.junction.provider.UpstreamRequest;
import dev.junction.provider.aws.AwsCredentialSources;
import dev.junction.provider.aws.SigV4Signer;
import dev.junction.provider.openai.OpenAiResponses;
import dev.junction.provider.sse.SseEvent;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Chat completions through a SageMaker endpoint's InvokeEndpoint ({@code POST /endpoints/{name}/invocations}, and
 * InvokeEndpointWithResponseStream for streams), signed with SigV4 for the {@code sagemaker} service. As in
 * LiteLLM, {@code sagemaker_chat/} sends the OpenAI messages to a Messages-API container (TGI) and reads OpenAI
 * answers back, while {@code sagemaker/} sends TGI's {@code inputs}/{@code parameters} format.
 */
public final class SageMakerAdapter implements ProviderAdapter {
    static final String SIGNING_NAME = "sagemaker";
    static final String CHAT_PREFIX = "sagemaker_chat";

    private final AwsCredentialSources credentials;
    private final Clock clock;

    public SageMakerAdapter(AwsCredentialSources credentials) {
        this(credentials, Clock.systemUTC());
    }

    SageMakerAdapter(AwsCredentialSources credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    @Override
    public ProviderFamily family() {
        return ProviderFamily.SAGEMAKER;
    }

    @Override
    public Optional<Set<String>> supportedOpenAiParams(ProviderCall call) {
        return isChat(call.deployment()) ? Optional.empty() : Optional.of(TgiParams.SUPPORTED);
    }

    @Override
    public UpstreamRequest toUpstream(ProviderCall call) {
        if (call.request().endpoint() != Endpoint.CHAT_COMPLETIONS) {
            throw GatewayException.of(
                    ErrorKind.UNSUPPORTED_BY_DEPLOYMENT,
                    ErrorKind.UNSUPPORTED_BY_DEPLOYMENT.describe(
                            SageMakerErrors.LABEL + " - sagemaker serves /chat/completions " + "through Junction, not /"
                                    + call.request().endpoint().path()));
        }
        Deployment deployment = call.deployment();
        JsonObject body = isChat(deployment) ? RequestBodies.forUpstream(call) : TgiRequests.toBody(call);
        String operation = call.request().stream() ? "invocations-response-stream" : "invocations";
        String url = deployment.apiBase() + "/endpoints/" + SdkHttpUtils.urlEncode(deployment.upstreamModel()) + "/"
                + operation;
        return new UpstreamRequest(url, headers(deployment), body.toBuffer());
    }

    private static boolean isChat(Deployment deployment) {
        return CHAT_PREFIX.equals(deployment.provider().prefix());
    }

    private static MultiMap headers(Deployment deployment) {
        MultiMap headers = UpstreamHeaders.json(deployment);
        headers.set("accept", "application/json");
        // An endpoint hosting several inference components needs the one to call (LiteLLM's model_id).
        deployment.stringParam("model_id").ifPresent(id -> headers.set("X-Amzn-SageMaker-Inference-Component", id));
        return headers;
    }

    @Override
    public ProviderReply.Complete fromUpstream(ProviderCall call, Buffer body) {
        return isChat(call.deployment())
                ? OpenAiResponses.complete(body, SageMakerErrors.LABEL)
                : TgiResponses.toOpenAi(body, call.deployment().upstreamModel(), clock);
    }

    @Override
    public StreamTranslator streamTranslator(ProviderCall call) {
        return isChat(call.deployment())
                ? new ChatStreamTranslator(!call.request().includeUsage())
                : new TgiStreamTranslator(call.deployment().upstreamModel(), clock);
    }

    @Override
    public StreamDecoder streamDecoder(ProviderCall call, Consumer<SseEvent> events) {
        return new PayloadPartDecoder(events);
    }

    @Override
    public RequestSigner signer(Vertx vertx) {
        return new SigV4Signer(vertx, credentials, SIGNING_NAME, SageMakerErrors.LABEL, clock);
    }

    @Override
    public String errorLabel() {
        return SageMakerErrors.LABEL;
    }

    @Override
    public GatewayException classify(int status, MultiMap headers, Buffer body) {
        return SageMakerErrors.classify(status, headers, body);
    }
}
