package dev.junction.gateway.observe.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * LiteLLM's Prometheus metrics, with its names, help texts and labels (LiteLLM's {@code
 * litellm/types/integrations/prometheus.py}), so that dashboards written for a LiteLLM proxy read Junction's.
 * Counters are exposed with the {@code _total} suffix, histograms with LiteLLM's latency buckets (seconds).
 * LiteLLM's {@code user_email}, {@code client_ip} and {@code user_agent} labels are left out: one series per
 * client address or agent string grows without bound.
 */
final class LitellmMeters {
    /** LiteLLM's {@code LATENCY_BUCKETS}, in seconds. */
    private static final double[] LATENCY_BUCKETS = {
        0.005, 0.00625, 0.0125, 0.025, 0.05, 0.1, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0, 6.5, 7.0,
        7.5, 8.0, 8.5, 9.0, 9.5, 10.0, 15.0, 20.0, 25.0, 30.0, 60.0, 120.0, 180.0, 240.0, 300.0
    };

    private static final List<String> WHO =
            List.of("end_user", "hashed_api_key", "api_key_alias", "team", "team_alias", "user");
    private static final List<String> DEPLOYMENT =
            List.of("litellm_model_name", "model_id", "api_base", "api_provider");

    final MeterFamily<Counter> proxyTotal;
    final MeterFamily<Counter> proxyFailed;
    final MeterFamily<DistributionSummary> totalLatency;
    final MeterFamily<Counter> requests;
    final MeterFamily<Counter> spend;
    final MeterFamily<Counter> inputTokens;
    final MeterFamily<Counter> outputTokens;
    final MeterFamily<Counter> totalTokens;
    final MeterFamily<DistributionSummary> apiLatency;
    final MeterFamily<DistributionSummary> timeToFirstToken;
    final MeterFamily<DistributionSummary> overhead;
    final MeterFamily<Counter> deploymentTotal;
    final MeterFamily<Counter> deploymentSuccess;
    final MeterFamily<Counter> deploymentFailure;
    final MeterFamily<DistributionSummary> latencyPerOutputToken;
    final MeterFamily<Counter> successfulFallbacks;
    final MeterFamily<Counter> failedFallbacks;
    final MeterFamily<Counter> cooledDown;

    LitellmMeters(MeterRegistry registry) {
        Meters m = new Meters(registry);
        proxyTotal = m.counter(
                "litellm_proxy_total_requests_metric",
                "Total number of requests made to the proxy server - track number of client side requests",
                concat(WHO, "requested_model", "status_code", "route", "model_id"));
        proxyFailed = m.counter(
                "litellm_proxy_failed_requests_metric",
                "Total number of failed responses from proxy - the client did not get a success response",
                concat(WHO, "requested_model", "exception_status", "exception_class", "route", "model_id"));
        totalLatency = m.histogram(
                "litellm_request_total_latency_metric",
                "Total latency (seconds) for a request to LiteLLM",
                concat(WHO, "requested_model", "model", "model_id"));
        requests = m.counter(
                "litellm_requests_metric",
                "Total number of LLM calls to litellm - track total per API Key, team, user",
                concat(WHO, "model", "model_id"));
        spend = m.counter("litellm_spend_metric", "Total spend on LLM requests", concat(WHO, "model", "model_id"));
        List<String> tokenLabels = concat(WHO, "model", "requested_model", "model_id");
        inputTokens =
                m.counter("litellm_input_tokens_metric", "Total number of input tokens from LLM requests", tokenLabels);
        outputTokens = m.counter(
                "litellm_output_tokens_metric", "Total number of output tokens from LLM requests", tokenLabels);
        totalTokens = m.counter(
                "litellm_total_tokens_metric", "Total number of input + output tokens from LLM requests", tokenLabels);
        List<String> apiLabels = concat(WHO, "model", "requested_model", "model_id");
        apiLatency = m.histogram(
                "litellm_llm_api_latency_metric", "Total latency (seconds) for a models LLM API call", apiLabels);
        timeToFirstToken = m.histogram(
                "litellm_llm_api_time_to_first_token_metric",
                "Time to first token for a models LLM API call",
                apiLabels);
        overhead = m.histogram(
                "litellm_overhead_latency_metric",
                "Latency overhead (seconds) added by the proxy's own processing",
                List.of(
                        "model_group",
                        "api_provider",
                        "api_base",
                        "litellm_model_name",
                        "hashed_api_key",
                        "api_key_alias",
                        "model_id"));
        List<String> perDeployment = concat(
                List.of("requested_model", "litellm_model_name", "model_id", "api_base", "api_provider"),
                "hashed_api_key",
                "api_key_alias",
                "team",
                "team_alias");
        deploymentTotal = m.counter(
                "litellm_deployment_total_requests",
                "LLM Deployment Analytics - Total number of LLM API calls via litellm - success + failure",
                perDeployment);
        deploymentSuccess = m.counter(
                "litellm_deployment_success_responses",
                "LLM Deployment Analytics - Total number of successful LLM API calls via litellm",
                perDeployment);
        deploymentFailure = m.counter(
                "litellm_deployment_failure_responses",
                "LLM Deployment Analytics - Total number of failed LLM API calls for a specific LLM deployment",
                concat(perDeployment, "exception_status", "exception_class"));
        latencyPerOutputToken = m.histogram(
                "litellm_deployment_latency_per_output_token",
                "LLM Deployment Analytics - Latency per output token",
                concat(DEPLOYMENT, "hashed_api_key", "api_key_alias", "team", "team_alias"));
        List<String> fallbackLabels = List.of(
                "requested_model",
                "fallback_model",
                "hashed_api_key",
                "api_key_alias",
                "team",
                "team_alias",
                "exception_status",
                "exception_class");
        successfulFallbacks = m.counter(
                "litellm_deployment_successful_fallbacks",
                "LLM Deployment Analytics - Number of successful fallback requests from primary model -> fallback model",
                fallbackLabels);
        failedFallbacks = m.counter(
                "litellm_deployment_failed_fallbacks",
                "LLM Deployment Analytics - Number of failed fallback requests from primary model -> fallback model",
                fallbackLabels);
        cooledDown = m.counter(
                "litellm_deployment_cooled_down",
                "LLM Deployment Analytics - Number of times a deployment has been cooled down by the load balancer",
                concat(DEPLOYMENT, "exception_status"));
    }

    static List<String> concat(List<String> first, String... more) {
        List<String> all = new java.util.ArrayList<>(first);
        all.addAll(List.of(more));
        return List.copyOf(all);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return concat(first, second.toArray(String[]::new));
    }

    /** Makes the families of one registry. */
    private record Meters(MeterRegistry registry) {
        MeterFamily<Counter> counter(String name, String help, List<String> labels) {
            return new MeterFamily<>(
                    labels,
                    tags -> Counter.builder(name).description(help).tags(tags).register(registry));
        }

        MeterFamily<DistributionSummary> histogram(String name, String help, List<String> labels) {
            return new MeterFamily<>(labels, tags -> DistributionSummary.builder(name)
                    .description(help)
                    .serviceLevelObjectives(LATENCY_BUCKETS)
                    .tags(tags)
                    .register(registry));
        }
    }
}
