package dev.junction.gateway.http;

import dev.junction.config.AccessSettings;
import dev.junction.gateway.access.GlobalParallelLimit;
import dev.junction.gateway.access.RequestRules;
import dev.junction.gateway.keys.Caller;
import dev.junction.gateway.keys.ModelAccess;
import io.vertx.core.json.JsonObject;

/**
 * The access controls an LLM request meets once its body is parsed: who it runs as for its model (a JWT's
 * team), the body rules of {@link RequestRules}, the node's share of {@code global_max_parallel_requests}, and
 * {@code max_response_size_mb} for the answer.
 */
final class LlmAccess {
    private final AuthHandler auth;
    private final ModelAccess models;
    private final RequestRules rules;
    private final GlobalParallelLimit parallel;
    private final Long maxResponseBytes;

    /** @param parallel the node's global parallel limit, or null when there is none */
    LlmAccess(AuthHandler auth, ModelAccess models, AccessSettings settings, GlobalParallelLimit parallel) {
        this.auth = auth;
        this.models = models;
        this.rules = new RequestRules(settings);
        this.parallel = parallel;
        this.maxResponseBytes = settings.maxResponseBytes();
    }

    /**
     * Who the request runs as, once its body passed the body rules.
     *
     * @throws dev.junction.cluster.error.GatewayException the first control the request fails
     */
    Caller admit(Exchange exchange, Caller caller, String model, JsonObject body) {
        Caller scoped = auth.forModel(exchange.request(), caller, model, models);
        rules.check(scoped, body);
        return scoped;
    }

    /**
     * Counts an admitted request against the node's share of the global limit until its exchange ends.
     *
     * @throws dev.junction.cluster.error.GatewayException a 429 when the share is in use
     */
    void hold(Exchange exchange) {
        if (parallel != null) {
            parallel.acquire();
            exchange.atEnd(parallel::release);
        }
    }

    /** The largest answer sent, in bytes, or null for any size. */
    Long maxResponseBytes() {
        return maxResponseBytes;
    }
}
