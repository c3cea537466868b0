package dev.junction.provider.http;

import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.Surface;
import dev.junction.cluster.bus.SurfaceRequest;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.ProviderAdapter;
import dev.junction.provider.RequestSigner;
import dev.junction.provider.UpstreamRequest;
import dev.junction.provider.params.AllowedParams;
import dev.junction.provider.params.UnsupportedParams;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.Optional;
import java.util.Set;

/**
 * Carries out one provider call over HTTP inside the deployment's circuit breaker: sends the translated
 * request, enforces the timeout, stops the upstream request when the client leaves, and turns the answer
 * into a {@link ProviderReply} or a classified {@link GatewayException}.
 */
public final class UpstreamExchange {
    private final Vertx vertx;
    private final HttpClient client;
    private final ProviderAdapter adapter;
    private final Breakers breakers;
    private final RequestSigner signer;
    private final String label;

    public UpstreamExchange(Vertx vertx, HttpClient client, ProviderAdapter adapter, Breakers breakers) {
        this.vertx = vertx;
        this.client = client;
        this.adapter = adapter;
        this.breakers = breakers;
        this.signer = adapter.signer(vertx);
        this.label = adapter.errorLabel();
    }

    public Future<ProviderReply> execute(ProviderCall asked) {
        ProviderCall call;
        UpstreamRequest upstream;
        try {
            refuseUntranslatable(asked);
            if (passesThrough(asked)) {
                call = asked;
                upstream = adapter.toUpstream(call);
            } else {
                Optional<Set<String>> supported = supportedParams(asked);
                call = UnsupportedParams.apply(asked, supported);
                upstream = AllowedParams.carry(adapter.toUpstream(call), call, supported);
            }
        } catch (GatewayException invalid) {
            return Future.failedFuture(invalid);
        }
        return throughBreaker(call, upstream);
    }

    /**
     * What the provider's translation carries of the call's OpenAI parameters: the unsupported ones are
     * refused or dropped ({@link UnsupportedParams}), the {@code allowed_openai_params} added ({@link
     * AllowedParams}).
     */
    private Optional<Set<String>> supportedParams(ProviderCall call) {
        return call.request().endpoint().isTextGeneration()
                ? adapter.supportedOpenAiParams(call)
                : adapter.supportedOperationParams(call);
    }

    private Future<ProviderReply> throughBreaker(ProviderCall call, UpstreamRequest upstream) {
        return breakers.forDeployment(call.deployment().id())
                .<ProviderReply>execute(() -> signer.sign(call, upstream).compose(signed -> send(call, signed)))
                .recover(failure -> Future.failedFuture(
                        failure instanceof OpenCircuitException
                                ? circuitOpen(call)
                                : Redaction.redact(GatewayException.from(failure), call.deployment())));
    }

    private Future<ProviderReply> send(ProviderCall call, UpstreamRequest upstream) {
        long timeoutMs = Math.max(1, call.timeout().toMillis());
        String apiBase = call.deployment().apiBase();
        RequestOptions options = UpstreamAddress.of(upstream.url())
                .applyTo(new RequestOptions())
                .setMethod(HttpMethod.POST)
                .setHeaders(upstream.headers())
                // A stream that stalls between chunks for a whole timeout is as dead as one that never started.
                .setIdleTimeout(timeoutMs);
        call.upstreamHeaders().forEach(options::putHeader);
        Promise<ProviderReply> result = Promise.promise();
        long timer =
                vertx.setTimer(timeoutMs, id -> result.tryFail(TransportFailures.timeout(label, apiBase, timeoutMs)));
        client.request(options).onComplete(opened -> {
            if (opened.failed()) {
                result.tryFail(TransportFailures.classify(opened.cause(), label, apiBase));
                return;
            }
            HttpClientRequest request = opened.result();
            result.future().onFailure(failure -> request.reset());
            call.request().cancellation().onCancel(() -> {
                result.tryFail(GatewayException.of(ErrorKind.CLIENT_CLOSED, "client closed the request"));
                request.reset();
            });
            request.send(upstream.body())
                    .onSuccess(response -> onResponse(call, request, response, result))
                    .onFailure(failure -> result.tryFail(TransportFailures.classify(failure, label, apiBase)));
        });
        return result.future().onComplete(done -> vertx.cancelTimer(timer));
    }

    private void onResponse(
            ProviderCall call, HttpClientRequest request, HttpClientResponse response, Promise<ProviderReply> result) {
        int status = response.statusCode();
        boolean success = status >= 200 && status < 300;
        if (success && call.request().stream()) {
            // Frames read before the HTTP verticle attaches wait in the stream's queue, which bounds them.
            long timeoutMs = Math.max(1, call.timeout().toMillis());
            String apiBase = call.deployment().apiBase();
            StallWatch stallWatch =
                    new StallWatch(vertx, timeoutMs, TransportFailures.timeout(label, apiBase, timeoutMs));
            UpstreamChunkStream stream = new UpstreamChunkStream(
                    request,
                    response,
                    adapter.streamTranslator(call),
                    events -> adapter.streamDecoder(call, events),
                    failure -> TransportFailures.classify(failure, label, apiBase),
                    error -> Redaction.redact(error, call.deployment()),
                    stallWatch,
                    call.deployment().id());
            result.tryComplete(new ProviderReply.Streaming(stream, passesThrough(call)));
            return;
        }
        response.body().onComplete(body -> {
            if (body.failed()) {
                result.tryFail(TransportFailures.classify(
                        body.cause(), label, call.deployment().apiBase()));
            } else if (success) {
                try {
                    result.tryComplete(adapter.fromUpstream(call, body.result()));
                } catch (GatewayException invalid) {
                    result.tryFail(invalid);
                } catch (RuntimeException unreadable) {
                    // Thrown inside this callback it would leave the call hanging until its timeout.
                    result.tryFail(unreadableBody(unreadable));
                }
            } else {
                result.tryFail(adapter.classify(status, response.headers(), body.result()));
            }
        });
    }

    private GatewayException unreadableBody(RuntimeException cause) {
        return GatewayException.of(
                ErrorKind.BAD_GATEWAY,
                ErrorKind.BAD_GATEWAY.describe(label + " - the upstream's answer could not be read ("
                        + cause.getClass().getSimpleName() + ")"));
    }

    /** Whether the deployment is sent the client's original request (of another API) and answers in kind. */
    private boolean passesThrough(ProviderCall call) {
        SurfaceRequest surface = call.request().surface();
        return surface != null && adapter.speaksNatively(surface.surface(), call.deployment());
    }

    /**
     * A request whose chat translation lost something (a server tool, a document, ...) may only reach a
     * deployment that takes the original; any other is refused before anything is sent.
     */
    private void refuseUntranslatable(ProviderCall call) {
        SurfaceRequest surface = call.request().surface();
        if (surface == null || surface.untranslated().isEmpty() || passesThrough(call)) {
            return;
        }
        throw GatewayException.of(
                ErrorKind.UNSUPPORTED_BY_DEPLOYMENT,
                ErrorKind.UNSUPPORTED_BY_DEPLOYMENT.describe(
                        label + " - deployment " + call.deployment().modelName() + " ("
                                + call.deployment().litellmModel() + ") takes this request only as chat completions, "
                                + "which cannot carry " + String.join("; ", surface.untranslated())
                                + ". Send it to a model whose deployments speak the "
                                + (surface.surface() == Surface.MESSAGES ? "Anthropic Messages" : "OpenAI Responses")
                                + " API natively."));
    }

    private GatewayException circuitOpen(ProviderCall call) {
        return GatewayException.of(
                ErrorKind.CIRCUIT_OPEN,
                ErrorKind.CIRCUIT_OPEN.describe(label + " - circuit breaker open for deployment "
                        + call.deployment().id() + " after repeated upstream failures"));
    }
}
