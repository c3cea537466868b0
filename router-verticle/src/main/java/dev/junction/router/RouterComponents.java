package dev.junction.router;

import dev.junction.cluster.spend.BudgetLedger;
import dev.junction.cluster.spend.CallLog;
import dev.junction.cluster.state.RoutingState;
import dev.junction.config.JunctionConfig;
import dev.junction.config.RouterSettings;
import dev.junction.router.cache.CacheStores;
import dev.junction.router.cache.ResponseCache;
import dev.junction.router.cooldown.CooldownPolicy;
import dev.junction.router.fallback.FallbackPlan;
import dev.junction.router.keys.CallPricing;
import dev.junction.router.keys.KeyGate;
import dev.junction.router.keys.SubjectLimits;
import dev.junction.router.model.ModelTable;
import dev.junction.router.precall.PreCallChecks;
import dev.junction.router.resolve.LiveDeployments;
import dev.junction.router.resolve.ModelResolver;
import dev.junction.router.retry.RetryPolicyRules;
import dev.junction.router.strategy.RoutingStrategy;
import dev.junction.router.strategy.Strategies;
import dev.junction.router.strategy.TokenPrices;
import dev.junction.router.tags.TagFilter;
import dev.junction.router.tokens.StreamUsage;
import dev.junction.router.tokens.TokenCounter;
import io.vertx.core.Vertx;
import java.time.Clock;

/**
 * Everything the router builds from the config: the resolver, the strategy and rules of each version of the
 * router settings (see {@link SettingsRouters}), the model table
 * and the tokenizer. Loading the table and the encodings reads resources, so this is built at start-up, off
 * the event loop, and shared by the router verticle's instances.
 */
public final class RouterComponents {
    private static final int DEFAULT_LATENCY_SAMPLES = 10;
    /** {@code router_settings} key: whether a stream that breaks midway is continued (default true). */
    private static final String CONTINUE_BROKEN_STREAMS = "continue_broken_streams";

    private final JunctionConfig config;
    private final LiveDeployments deployments;
    private final ModelTable table;
    private final TokenCounter tokens;
    private ParallelSlots slots;

    private RouterComponents(JunctionConfig config) {
        this.config = config;
        this.table = ModelTable.load();
        this.tokens = TokenCounter.load();
        this.deployments = new LiveDeployments(config);
    }

    /**
     * Whether every call is counted in tokens before it is sent: pre-call checks, usage routing. Otherwise a call
     * is counted when its group has a tpm limit (RequestRouter), whoever added it: the file or the model API.
     */
    private boolean countTokens(RouterSettings settings) {
        return PreCallChecks.enabled(settings)
                || settings.merged()
                        .getString("routing_strategy", "simple-shuffle")
                        .startsWith("usage-based");
    }

    private java.util.Optional<TokenPrices> tablePrices(dev.junction.config.Deployment deployment) {
        return table.forDeployment(deployment)
                .filter(limits -> limits.inputCostPerToken().isPresent()
                        || limits.outputCostPerToken().isPresent())
                .map(limits -> new TokenPrices(
                        limits.inputCostPerToken().orElse(0),
                        limits.outputCostPerToken().orElse(0)));
    }

    /** Blocking (reads resources): call at start-up on a worker thread. */
    public static RouterComponents build(JunctionConfig config) {
        return new RouterComponents(config);
    }

    public ModelResolver resolver() {
        return deployments.resolver();
    }

    /** The deployments served now: the config file's and those added through the model API. */
    public LiveDeployments deployments() {
        return deployments;
    }

    /** What a finished call cost, at the deployment's own prices or else the shipped table's: for observers. */
    public double costOf(dev.junction.config.Deployment deployment, dev.junction.cluster.bus.Usage usage) {
        return table.costOf(deployment, usage.promptTokens(), usage.completionTokens())
                .total();
    }

    /** The router of one version of the router settings: see {@link SettingsRouters}. */
    RequestRouter router(Vertx vertx, RoutingState state, RouterSettings settings) {
        CooldownPolicy cooldowns = new CooldownPolicy(settings);
        RoutingStrategy strategy = Strategies.fromSettings(settings, this::tablePrices, new java.util.Random());
        DeploymentChooser chooser = new DeploymentChooser(
                state,
                strategy,
                PreCallChecks.enabled(settings) ? new PreCallChecks(table) : null,
                TagFilter.fromSettings(settings));
        OutcomeRecorder recorder = new OutcomeRecorder(state, cooldowns, latencySamples(settings));
        GroupCall groups = new GroupCall(
                vertx,
                chooser,
                recorder,
                new RetryPolicyRules(settings),
                settings,
                slots(vertx),
                deployment -> parallelLimit(deployment, settings),
                new StreamUsage(vertx, tokens));
        return new RequestRouter(
                vertx,
                deployments::resolver,
                groups,
                FallbackPlan.fromSettings(settings),
                tokens,
                countTokens(settings),
                !Boolean.FALSE.equals(settings.merged().getValue(CONTINUE_BROKEN_STREAMS)));
    }

    /**
     * The router behind the limits and budgets of virtual keys, writing each call to {@code log}, with the response
     * cache between the two: a key's limits count a cache hit, no deployment's do.
     */
    KeyGate keyGate(Vertx vertx, RoutingState state, BudgetLedger ledger, CallLog log, CacheStores stores) {
        SettingsRouters router = new SettingsRouters(deployments, settings -> router(vertx, state, settings));
        ResponseCache cache = new ResponseCache(
                vertx, config.cache(), stores, deployments::resolver, router::route, Clock.systemUTC());
        return new KeyGate(
                cache.around(router::route),
                new SubjectLimits(state, Clock.systemUTC()),
                ledger,
                new CallPricing(deployments::resolver, table, tokens),
                log);
    }

    /** The shipped model table (context windows, prices, providers), loaded at start-up. */
    public ModelTable table() {
        return table;
    }

    private synchronized ParallelSlots slots(Vertx vertx) {
        if (slots == null) {
            slots = new ParallelSlots(vertx);
        }
        return slots;
    }

    /**
     * A deployment's {@code max_parallel_requests}, else {@code router_settings.default_max_parallel_requests},
     * else {@code general_settings.max_parallel_requests}; 0 means unlimited. LiteLLM also derives a limit
     * from {@code rpm}/{@code tpm} when none is set; Junction enforces those as rate limits instead.
     */
    private int parallelLimit(dev.junction.config.Deployment deployment, RouterSettings settings) {
        Object own = deployment.litellmParams().getValue("max_parallel_requests");
        if (own instanceof Number number) {
            return number.intValue();
        }
        Object routerDefault = settings.merged().getValue("default_max_parallel_requests");
        if (routerDefault instanceof Number number) {
            return number.intValue();
        }
        return config.general().maxParallelRequests().orElse(0);
    }

    private static int latencySamples(RouterSettings settings) {
        Object args = settings.merged().getValue("routing_strategy_args");
        if (args instanceof io.vertx.core.json.JsonObject json
                && json.getValue("max_latency_list_size") instanceof Number size) {
            return Math.max(1, size.intValue());
        }
        return DEFAULT_LATENCY_SAMPLES;
    }
}
