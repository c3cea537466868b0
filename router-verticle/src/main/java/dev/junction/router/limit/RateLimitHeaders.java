package dev.junction.router.limit;

import dev.junction.config.Deployment;
import dev.junction.router.stats.StatsView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The {@code x-ratelimit-*} headers of a model group: the sum of its deployments' limits and what is left of
 * it this minute. Deployments without a limit add nothing to either side, so a group where one of three
 * deployments has an rpm reports that deployment's budget; a group with no limit reports no header at all.
 *
 * @param limitRequests summed rpm, or empty when no deployment has one
 * @param remainingRequests summed rpm minus those deployments' requests this minute, never below 0
 * @param limitTokens summed tpm, or empty when no deployment has one
 * @param remainingTokens summed tpm minus those deployments' tokens this minute, never below 0
 */
public record RateLimitHeaders(
        OptionalLong limitRequests,
        OptionalLong remainingRequests,
        OptionalLong limitTokens,
        OptionalLong remainingTokens) {

    public static RateLimitHeaders of(List<Deployment> group, StatsView stats) {
        long rpm = 0;
        long requests = 0;
        long tpm = 0;
        long tokens = 0;
        boolean anyRpm = false;
        boolean anyTpm = false;
        for (Deployment deployment : group) {
            DeploymentLimits limits = DeploymentLimits.of(deployment);
            if (limits.rpm().isPresent()) {
                anyRpm = true;
                rpm += limits.rpm().getAsLong();
                requests += stats.requestsThisMinute(deployment.id());
            }
            if (limits.tpm().isPresent()) {
                anyTpm = true;
                tpm += limits.tpm().getAsLong();
                tokens += stats.tokensThisMinute(deployment.id());
            }
        }
        return new RateLimitHeaders(
                anyRpm ? OptionalLong.of(rpm) : OptionalLong.empty(),
                anyRpm ? OptionalLong.of(Math.max(0, rpm - requests)) : OptionalLong.empty(),
                anyTpm ? OptionalLong.of(tpm) : OptionalLong.empty(),
                anyTpm ? OptionalLong.of(Math.max(0, tpm - tokens)) : OptionalLong.empty());
    }

    /** Header name to value, only for the limits that are configured. */
    public Map<String, String> asMap() {
        Map<String, String> headers = new LinkedHashMap<>();
        put(headers, "x-ratelimit-limit-requests", limitRequests);
        put(headers, "x-ratelimit-remaining-requests", remainingRequests);
        put(headers, "x-ratelimit-limit-tokens", limitTokens);
        put(headers, "x-ratelimit-remaining-tokens", remainingTokens);
        return headers;
    }

    private static void put(Map<String, String> headers, String name, OptionalLong value) {
        value.ifPresent(v -> headers.put(name, Long.toString(v)));
    }
}
