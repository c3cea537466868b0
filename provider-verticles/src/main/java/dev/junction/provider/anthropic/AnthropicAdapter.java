package dev.junction.provider.anthropic;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.Surface;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Deployment;
import dev.junction.config.ProviderFamily;
import dev.junction.provider.ProviderAdapter;
import dev.junction.provider.StreamTranslator;
import dev.junction.provider.UpstreamRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * OpenAI chat completions to and from Anthropic's Messages API ({@code POST /v1/messages}); a request that
 * came on Junction's own Messages API surface is passed through instead, as its client sent it.
 *
 * <p>Chat only: Anthropic has no embeddings, images or audio API, and its legacy text-completions API is
 * retired, so any other call is refused before anything goes upstream. Stateless and thread-safe; each
 * stream gets its own {@link StreamTranslator}.
 */
public final class AnthropicAdapter implements ProviderAdapter {
    /** Pinned so that a change of Anthropic's default never changes the wire format under us. */
    static final String API_VERSION = "2023-06-01";

    static final String DEFAULT_API_BASE = "https://api.anthropic.com";
    private static final String MESSAGES_PATH = "/v1/messages";

    private final Clock clock;
    private final AnthropicRequestTranslator requests = new AnthropicRequestTranslator();
    private final AnthropicErrorClassifier errors;
    private final AnthropicResponseTranslator responses;
    private final AnthropicPassThrough passThrough;

    public AnthropicAdapter() {
        this(Clock.systemUTC());
    }

    /**
     * @param clock the source of the {@code created} timestamps, and of "now" for a {@code Retry-After} given
     *     as an HTTP date
     */
    public AnthropicAdapter(Clock clock) {
        this.clock = clock;
        this.errors = new AnthropicErrorClassifier(clock);
        this.responses = new AnthropicResponseTranslator(clock, errors);
        this.passThrough = new AnthropicPassThrough(errors);
    }

    @Override
    public ProviderFamily family() {
        return ProviderFamily.ANTHROPIC;
    }

    @Override
    public boolean speaksNatively(Surface surface, Deployment deployment) {
        return surface == Surface.MESSAGES;
    }

    @Override
    public Optional<Set<String>> supportedOpenAiParams(ProviderCall call) {
        return Optional.of(AnthropicParams.SUPPORTED);
    }

    @Override
    public UpstreamRequest toUpstream(ProviderCall call) {
        requireChat(call.request().endpoint());
        if (passesThrough(call)) {
            return passThrough.toUpstream(call);
        }
        Deployment deployment = call.deployment();
        JsonObject body = requests.toBody(call);
        return new UpstreamRequest(messagesUrl(deployment.apiBase()), headers(deployment, Map.of()), body.toBuffer());
    }

    /**
     * The Messages API body for a chat call, for hosts that serve Anthropic's models under their own URL and
     * authentication (Vertex AI); refuses other operations as {@link #toUpstream} does.
     */
    public JsonObject messagesBody(ProviderCall call) {
        requireChat(call.request().endpoint());
        return requests.toBody(call);
    }

    @Override
    public ProviderReply.Complete fromUpstream(ProviderCall call, Buffer body) {
        return passesThrough(call) ? passThrough.fromUpstream(body) : responses.toOpenAi(body);
    }

    @Override
    public StreamTranslator streamTranslator(ProviderCall call) {
        if (passesThrough(call)) {
            return new AnthropicEventRelay(errors);
        }
        return new AnthropicStreamTranslator(call.request().includeUsage(), clock, errors);
    }

    private static boolean passesThrough(ProviderCall call) {
        return call.request().surface() != null && call.request().surface().surface() == Surface.MESSAGES;
    }

    @Override
    public GatewayException classify(int status, MultiMap headers, Buffer body) {
        return errors.classify(status, headers, body);
    }

    private static void requireChat(Endpoint endpoint) {
        if (endpoint != Endpoint.CHAT_COMPLETIONS) {
            String what = endpoint == Endpoint.COMPLETIONS ? "completions; use /chat/completions" : endpoint.path();
            throw LitellmErrorNames.error(ErrorKind.UNSUPPORTED_BY_DEPLOYMENT, "anthropic does not support " + what);
        }
    }

    /**
     * LiteLLM accepts an {@code api_base} given as the host, as {@code .../v1} or as the full messages URL;
     * all three must reach the same endpoint.
     */
    static String messagesUrl(String apiBase) {
        String base = apiBase == null || apiBase.isBlank() ? DEFAULT_API_BASE : apiBase.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (base.endsWith(MESSAGES_PATH)) {
            return base;
        }
        return base.endsWith("/v1") ? base + "/messages" : base + MESSAGES_PATH;
    }

    /**
     * The client's own Anthropic headers (a passed-through request's {@code anthropic-version} and {@code
     * anthropic-beta}) over ours, and the configured {@code headers}, then {@code extra_headers}, over both:
     * that is how betas are enabled.
     */
    static MultiMap headers(Deployment deployment, Map<String, String> client) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        if (deployment.apiKey() != null) {
            headers.set("x-api-key", deployment.apiKey().reveal());
        }
        headers.set("anthropic-version", API_VERSION);
        headers.set("content-type", "application/json");
        client.forEach(headers::set);
        copyHeaders(deployment.litellmParams().getValue("headers"), headers);
        copyHeaders(deployment.litellmParams().getValue("extra_headers"), headers);
        return headers;
    }

    private static void copyHeaders(Object configured, MultiMap headers) {
        if (configured instanceof JsonObject map) {
            map.forEach(entry -> {
                if (entry.getValue() != null) {
                    headers.set(entry.getKey(), String.valueOf(entry.getValue()));
                }
            });
        }
    }
}
