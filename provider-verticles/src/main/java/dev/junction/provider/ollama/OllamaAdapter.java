package dev.junction.provider.ollama;

import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Deployment;
import dev.junction.config.ProviderFamily;
import dev.junction.provider.ProviderAdapter;
import dev.junction.provider.StreamDecoder;
import dev.junction.provider.StreamTranslator;
import dev.junction.provider.UpstreamHeaders;
import dev.junction.provider.UpstreamRequest;
import dev.junction.provider.openai.OpenAiErrorClassifier;
import dev.junction.provider.params.OpenAiParams;
import dev.junction.provider.sse.NdjsonDecoder;
import dev.junction.provider.sse.SseEvent;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Ollama's native API, as LiteLLM calls it ({@link OllamaMode} says which endpoint serves what): requests and
 * answers translated both ways, streams read as newline-delimited JSON. Errors are Ollama's {@code {"error":
 * "..."}} with the HTTP status. An {@code api_key} goes as a bearer token, for an Ollama behind a proxy.
 */
public final class OllamaAdapter implements ProviderAdapter {
    static final String LABEL = "OllamaException";

    private final Clock clock;
    private final OpenAiErrorClassifier errors = new OpenAiErrorClassifier(LABEL);

    public OllamaAdapter() {
        this(Clock.systemUTC());
    }

    public OllamaAdapter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public ProviderFamily family() {
        return ProviderFamily.OLLAMA;
    }

    @Override
    public String errorLabel() {
        return LABEL;
    }

    @Override
    public Optional<Set<String>> supportedOpenAiParams(ProviderCall call) {
        return Optional.of(OllamaParams.supported(OllamaMode.of(call)));
    }

    /** Embeddings: {@code dimensions} only, as LiteLLM's Ollama embedding rule. */
    @Override
    public Optional<Set<String>> supportedOperationParams(ProviderCall call) {
        return Optional.of(OpenAiParams.DIMENSIONS_ONLY);
    }

    @Override
    public UpstreamRequest toUpstream(ProviderCall call) {
        OllamaMode mode = OllamaMode.of(call);
        Deployment deployment = call.deployment();
        MultiMap headers = UpstreamHeaders.json(deployment);
        if (deployment.apiKey() != null) {
            headers.set("authorization", "Bearer " + deployment.apiKey().reveal());
        }
        JsonObject body = OllamaRequests.toBody(call, mode);
        return new UpstreamRequest(mode.url(deployment.apiBase()), headers, body.toBuffer());
    }

    @Override
    public ProviderReply.Complete fromUpstream(ProviderCall call, Buffer body) {
        JsonObject answer;
        try {
            answer = body.toJsonObject();
        } catch (DecodeException | ClassCastException notJson) {
            throw unreadable();
        }
        if (answer.getValue("error") != null) {
            throw errors.classify(500, null, body);
        }
        try {
            return OllamaAnswers.translate(
                    answer, OllamaMode.of(call), clock.instant().getEpochSecond());
        } catch (ClassCastException malformed) {
            throw unreadable();
        }
    }

    @Override
    public StreamDecoder streamDecoder(ProviderCall call, Consumer<SseEvent> events) {
        return new NdjsonDecoder(events);
    }

    @Override
    public StreamTranslator streamTranslator(ProviderCall call) {
        return new OllamaStreamTranslator(
                OllamaMode.of(call),
                call.request().includeUsage(),
                clock.instant().getEpochSecond(),
                errors);
    }

    @Override
    public GatewayException classify(int status, MultiMap headers, Buffer body) {
        return errors.classify(status, headers, body);
    }

    private static GatewayException unreadable() {
        ErrorKind kind = ErrorKind.BAD_GATEWAY;
        return GatewayException.of(kind, kind.describe(LABEL + " - the upstream answer is not an Ollama response"));
    }
}
