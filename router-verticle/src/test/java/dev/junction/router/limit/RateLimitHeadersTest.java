package dev.junction.router.limit;

import static dev.junction.router.TestDeployments.deployment;
import static dev.junction.router.TestDeployments.openai;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.router.FakeStats;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimitHeadersTest {

    @Test
    void sums_the_group_limits_and_subtracts_this_minutes_usage() {
        var group = List.of(
                deployment("a", "g").param("rpm", 10).param("tpm", 1000).build(),
                deployment("b", "g").param("rpm", 20).param("tpm", 2000).build());
        var stats = new FakeStats()
                .requests("a", 3)
                .requests("b", 4)
                .tokens("a", 500)
                .tokens("b", 100);

        assertThat(RateLimitHeaders.of(group, stats).asMap())
                .containsExactly(
                        entry("x-ratelimit-limit-requests", "30"),
                        entry("x-ratelimit-remaining-requests", "23"),
                        entry("x-ratelimit-limit-tokens", "3000"),
                        entry("x-ratelimit-remaining-tokens", "2400"));
    }

    @Test
    void no_headers_without_configured_limits() {
        assertThat(RateLimitHeaders.of(List.of(openai("a", "g")), new FakeStats().requests("a", 5))
                        .asMap())
                .isEmpty();
    }

    @Test
    void only_the_configured_kind_of_limit_is_reported() {
        var group = List.of(deployment("a", "g").param("rpm", 10).build());

        assertThat(RateLimitHeaders.of(group, new FakeStats()).asMap())
                .containsOnlyKeys("x-ratelimit-limit-requests", "x-ratelimit-remaining-requests");
    }

    @Test
    void unlimited_deployments_add_neither_limit_nor_usage() {
        var group = List.of(deployment("a", "g").param("rpm", 10).build(), openai("b", "g"));
        var stats = new FakeStats().requests("a", 2).requests("b", 50);

        RateLimitHeaders headers = RateLimitHeaders.of(group, stats);

        assertThat(headers.limitRequests()).hasValue(10);
        assertThat(headers.remainingRequests()).hasValue(8);
    }

    @Test
    void remaining_never_goes_below_zero() {
        var group = List.of(deployment("a", "g").param("tpm", 100).build());

        assertThat(RateLimitHeaders.of(group, new FakeStats().tokens("a", 250)).remainingTokens())
                .hasValue(0);
    }

    private static java.util.Map.Entry<String, String> entry(String key, String value) {
        return java.util.Map.entry(key, value);
    }
}
