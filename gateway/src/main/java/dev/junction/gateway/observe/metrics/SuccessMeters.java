package dev.junction.gateway.observe.metrics;

import dev.junction.cluster.observe.CallerLabels;
import dev.junction.config.Deployment;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;

/**
 * Every series a successful call on one deployment records into, looked up once per combination of caller,
 * requested model, route and deployment (see {@link CallMetrics}): a call then costs one map lookup, not one
 * per series.
 */
final class SuccessMeters {
    /** What tells two successful calls' series apart. The deployment by id: its record hashes its parameters. */
    record Key(
            String endUser, CallerLabels who, String requestedModel, String route, String deploymentId, String group) {}

    final Counter proxyTotal;
    final Counter requests;
    final DistributionSummary totalLatency;
    final Counter inputTokens;
    final Counter outputTokens;
    final Counter totalTokens;
    final Counter spend;
    final DistributionSummary overhead;
    final Counter deploymentTotal;
    final Counter deploymentSuccess;
    final DistributionSummary apiLatency;
    final DistributionSummary timeToFirstToken;
    final DistributionSummary latencyPerOutputToken;

    SuccessMeters(LitellmMeters meters, Key key, Deployment deployment) {
        CallerLabels who = key.who();
        String model = deployment.upstreamModel();
        String id = deployment.id();
        String apiBase = CallMetrics.apiBase(deployment);
        String provider = deployment.provider().prefix();
        proxyTotal = meters.proxyTotal.with(who(key, key.requestedModel(), "200", key.route(), id));
        requests = meters.requests.with(who(key, model, id));
        totalLatency = meters.totalLatency.with(who(key, key.requestedModel(), model, id));
        inputTokens = meters.inputTokens.with(who(key, model, key.requestedModel(), id));
        outputTokens = meters.outputTokens.with(who(key, model, key.requestedModel(), id));
        totalTokens = meters.totalTokens.with(who(key, model, key.requestedModel(), id));
        spend = meters.spend.with(who(key, model, id));
        overhead = meters.overhead.with(
                key.group(), provider, apiBase, deployment.litellmModel(), who.keyHash(), who.keyAlias(), id);
        deploymentTotal = meters.deploymentTotal.with(CallMetrics.perDeployment(key.requestedModel(), who, deployment));
        deploymentSuccess =
                meters.deploymentSuccess.with(CallMetrics.perDeployment(key.requestedModel(), who, deployment));
        apiLatency = meters.apiLatency.with(who(key, model, key.requestedModel(), id));
        timeToFirstToken = meters.timeToFirstToken.with(who(key, model, key.requestedModel(), id));
        latencyPerOutputToken = meters.latencyPerOutputToken.with(
                deployment.litellmModel(),
                id,
                apiBase,
                provider,
                who.keyHash(),
                who.keyAlias(),
                who.teamId(),
                who.teamAlias());
    }

    /** The caller's labels followed by {@code more}. */
    static String[] who(Key key, String... more) {
        return CallMetrics.who(key.endUser(), key.who(), more);
    }
}
