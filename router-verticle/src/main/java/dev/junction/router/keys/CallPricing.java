package dev.junction.router.keys;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.Usage;
import dev.junction.config.Deployment;
import dev.junction.router.model.MediaCost;
import dev.junction.router.model.ModelLimits;
import dev.junction.router.model.ModelTable;
import dev.junction.router.resolve.ModelResolver;
import dev.junction.router.resolve.Resolution;
import dev.junction.router.tokens.TokenCounter;
import java.util.List;
import java.util.function.Supplier;

/**
 * Prices calls for spend tracking: a deployment's own {@code input_cost_per_token}/{@code
 * output_cost_per_token} (in {@code litellm_params} or {@code model_info}), else the shipped price table.
 */
public final class CallPricing {
    private final Supplier<ModelResolver> resolver;
    private final ModelTable table;
    private final TokenCounter tokens;
    private final MediaCost media;

    public CallPricing(Supplier<ModelResolver> resolver, ModelTable table, TokenCounter tokens) {
        this.resolver = resolver;
        this.table = table;
        this.tokens = tokens;
        this.media = new MediaCost(table);
    }

    /**
     * What a request is expected to cost before it runs, reserved against budgets: its prompt tokens (counted)
     * at the dearest input price in its model group, plus its {@code max_tokens} (when given) at the dearest
     * output price. Without {@code max_tokens} the answer's cost is unknown up front and reserved as 0.
     *
     * @param promptTokens the counted prompt tokens
     * @param usd the estimated cost
     */
    public record Estimate(long promptTokens, double usd) {}

    public Estimate estimate(LlmRequest request) {
        List<Deployment> group = resolver.get()
                .resolve(request.model())
                .map(Resolution::deployments)
                .orElse(List.of());
        String model = group.isEmpty() ? request.model() : group.get(0).upstreamModel();
        long prompt = tokens.countRequest(model, request.body());
        long maxOutput = maxOutputTokens(request);
        double usd = 0;
        for (Deployment deployment : group) {
            ModelLimits limits = table.forDeployment(deployment).orElse(null);
            if (limits != null) {
                usd = Math.max(usd, limits.costOf(prompt, maxOutput).total());
            }
        }
        return new Estimate(prompt, usd);
    }

    /**
     * What a finished call cost. A stream whose upstream reported no usage is charged for its counted prompt;
     * its answer tokens are unknown.
     *
     * @param estimate the estimate made before the call, or null when none was made (no limits to hold)
     */
    public double cost(Deployment deployment, Usage usage, Estimate estimate) {
        long prompt = usage.promptTokens() > 0 || estimate == null ? usage.promptTokens() : estimate.promptTokens();
        return table.costOf(deployment, prompt, usage.completionTokens()).total();
    }

    /**
     * What a whole answer cost: per token for text and embeddings, by the operation's own measure (images,
     * audio seconds, characters, queries) for the others.
     */
    public double cost(LlmRequest request, Deployment deployment, ProviderReply.Complete reply, Estimate estimate) {
        Endpoint endpoint = request.endpoint();
        if (endpoint.isTextGeneration() || endpoint == Endpoint.EMBEDDINGS) {
            return cost(deployment, reply.usage(), estimate);
        }
        return media.of(deployment, endpoint, request.body(), reply);
    }

    private static long maxOutputTokens(LlmRequest request) {
        for (String field : new String[] {"max_completion_tokens", "max_tokens"}) {
            Object value = request.body().getValue(field);
            if (value instanceof Number number && number.longValue() > 0) {
                return number.longValue();
            }
        }
        return 0;
    }
}
