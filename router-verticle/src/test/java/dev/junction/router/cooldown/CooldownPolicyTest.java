package dev.junction.router.cooldown;

import static dev.junction.router.TestDeployments.deployment;
import static dev.junction.router.TestDeployments.openai;
import static dev.junction.router.TestDeployments.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Deployment;
import dev.junction.config.RouterSettings;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class CooldownPolicyTest {
    private static final Deployment DEPLOYMENT = openai("a", "g");
    private static final CooldownPolicy DEFAULTS = new CooldownPolicy(RouterSettings.defaults());

    private static Failure failure(ErrorKind kind, int status, int groupSize, RecentOutcomes outcomes) {
        return new Failure(kind, status, null, DEPLOYMENT, false, groupSize, outcomes);
    }

    private static Failure failure(ErrorKind kind, int groupSize, RecentOutcomes outcomes) {
        return failure(kind, 0, groupSize, outcomes);
    }

    private static RecentOutcomes outcomes(long fails, long successes) {
        return new RecentOutcomes(fails, successes, fails);
    }

    private static CooldownPolicy policy(JsonObject merged) {
        return new CooldownPolicy(settings(merged));
    }

    @Test
    void v2_rule_cools_a_429_only_in_multi_deployment_groups() {
        RecentOutcomes mostlyFine = outcomes(1, 99);

        assertThat(DEFAULTS.shouldCooldown(failure(ErrorKind.RATE_LIMITED, 429, 2, mostlyFine)))
                .isTrue();
        assertThat(DEFAULTS.shouldCooldown(failure(ErrorKind.RATE_LIMITED, 429, 1, mostlyFine)))
                .isFalse();
    }

    @Test
    void v2_rule_cools_when_more_than_half_of_the_minutes_calls_failed_in_a_multi_deployment_group() {
        assertThat(DEFAULTS.shouldCooldown(failure(ErrorKind.INTERNAL, 500, 3, outcomes(6, 4))))
                .isTrue();
        assertThat(DEFAULTS.shouldCooldown(failure(ErrorKind.INTERNAL, 500, 3, outcomes(5, 5))))
                .isFalse();
        assertThat(DEFAULTS.shouldCooldown(failure(ErrorKind.INTERNAL, 500, 1, outcomes(6, 4))))
                .isFalse();
    }

    @Test
    void v2_rule_cools_a_first_failure_without_successes_when_the_group_has_siblings() {
        assertThat(DEFAULTS.shouldCooldown(
                        failure(ErrorKind.SERVICE_UNAVAILABLE, 503, 2, RecentOutcomes.firstFailure())))
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 404})
    void v2_rule_cools_401_and_404_at_once_even_alone_in_the_group(int status) {
        ErrorKind kind = ErrorKind.forUpstreamStatus(status);

        assertThat(DEFAULTS.shouldCooldown(failure(kind, status, 1, outcomes(1, 500))))
                .isTrue();
    }

    @Test
    void v2_rule_cools_a_lone_deployment_only_after_1000_calls_all_failed() {
        assertThat(DEFAULTS.shouldCooldown(failure(ErrorKind.INTERNAL, 500, 1, outcomes(999, 0))))
                .isFalse();
        assertThat(DEFAULTS.shouldCooldown(failure(ErrorKind.INTERNAL, 500, 1, outcomes(1000, 0))))
                .isTrue();
        assertThat(DEFAULTS.shouldCooldown(failure(ErrorKind.INTERNAL, 500, 1, outcomes(1000, 1))))
                .isFalse();
    }

    @Test
    void timeouts_count_toward_the_rate_but_never_cool_at_once() {
        assertThat(DEFAULTS.shouldCooldown(failure(ErrorKind.TIMEOUT, 408, 1, outcomes(1, 0))))
                .isFalse();
        assertThat(DEFAULTS.shouldCooldown(failure(ErrorKind.TIMEOUT, 408, 2, outcomes(3, 1))))
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 403, 413, 422})
    void other_4xx_answers_never_cool(int status) {
        ErrorKind kind = ErrorKind.forUpstreamStatus(status);

        assertThat(DEFAULTS.shouldCooldown(failure(kind, status, 2, outcomes(1000, 0))))
                .isFalse();
    }

    @ParameterizedTest
    @EnumSource(
            value = ErrorKind.class,
            names = {"CONTEXT_WINDOW_EXCEEDED", "CONTENT_POLICY_VIOLATION", "PERMISSION_DENIED", "UNPROCESSABLE"})
    void request_errors_never_cool(ErrorKind kind) {
        assertThat(DEFAULTS.shouldCooldown(failure(kind, 2, outcomes(1000, 0)))).isFalse();
    }

    @ParameterizedTest
    @EnumSource(
            value = ErrorKind.class,
            names = {"CONNECTION", "CLIENT_CLOSED", "CIRCUIT_OPEN", "NO_DEPLOYMENTS_AVAILABLE", "INVALID_MODEL"})
    void connection_errors_and_gateway_side_errors_never_cool(ErrorKind kind) {
        assertThat(DEFAULTS.shouldCooldown(failure(kind, 2, outcomes(1000, 0)))).isFalse();
    }

    @Test
    void wildcard_deployments_are_never_cooled() {
        Failure wildcard = new Failure(ErrorKind.AUTHENTICATION, 401, null, DEPLOYMENT, true, 1, outcomes(1, 0));

        assertThat(DEFAULTS.shouldCooldown(wildcard)).isFalse();
    }

    @Test
    void disable_cooldowns_turns_every_rule_off() {
        CooldownPolicy disabled = policy(new JsonObject().put("disable_cooldowns", true));

        assertThat(disabled.shouldCooldown(failure(ErrorKind.AUTHENTICATION, 401, 1, outcomes(1, 0))))
                .isFalse();
        assertThat(disabled.decide(failure(ErrorKind.RATE_LIMITED, 429, 2, outcomes(5, 0))))
                .isEmpty();
    }

    @Test
    void a_deployment_cooldown_time_of_zero_disables_its_cooldown() {
        Deployment never = deployment("n", "g").param("cooldown_time", 0).build();
        Failure failure = new Failure(ErrorKind.RATE_LIMITED, 429, null, never, false, 2, outcomes(1, 0));

        assertThat(DEFAULTS.shouldCooldown(failure)).isFalse();
    }

    @Test
    void an_upstream_retry_after_of_zero_disables_the_cooldown() {
        Failure failure = new Failure(ErrorKind.RATE_LIMITED, 429, Duration.ZERO, DEPLOYMENT, false, 2, outcomes(1, 0));

        assertThat(DEFAULTS.shouldCooldown(failure)).isFalse();
    }

    @Test
    void explicitly_setting_the_default_allowed_fails_keeps_the_v2_rule() {
        assertThat(policy(new JsonObject().put("allowed_fails", 3)).legacyRule())
                .isFalse();
        assertThat(DEFAULTS.legacyRule()).isFalse();
    }

    @Test
    void v1_rule_cools_after_more_than_allowed_fails_in_the_window() {
        CooldownPolicy legacy = policy(new JsonObject().put("allowed_fails", 1));

        assertThat(legacy.legacyRule()).isTrue();
        assertThat(legacy.shouldCooldown(failure(ErrorKind.INTERNAL, 500, 1, new RecentOutcomes(1, 0, 1))))
                .isFalse();
        assertThat(legacy.shouldCooldown(failure(ErrorKind.INTERNAL, 500, 1, new RecentOutcomes(2, 0, 2))))
                .isTrue();
    }

    @Test
    void v1_rule_ignores_the_429_and_failure_rate_shortcuts() {
        CooldownPolicy legacy = policy(new JsonObject().put("allowed_fails", 5));

        assertThat(legacy.shouldCooldown(failure(ErrorKind.RATE_LIMITED, 429, 3, new RecentOutcomes(1, 0, 1))))
                .isFalse();
        assertThat(legacy.shouldCooldown(failure(ErrorKind.AUTHENTICATION, 401, 1, new RecentOutcomes(1, 0, 1))))
                .isFalse();
    }

    @Test
    void v1_rule_takes_the_allowed_fails_of_the_errors_class_from_the_policy() {
        JsonObject policy = new JsonObject()
                .put("RateLimitErrorAllowedFails", 10)
                .put("AuthenticationErrorAllowedFails", 0)
                .put("InternalServerErrorAllowedFails", 2);
        CooldownPolicy legacy = policy(new JsonObject().put("allowed_fails_policy", policy));

        assertThat(legacy.legacyRule()).isTrue();
        assertThat(legacy.allowedFailsFor(ErrorKind.RATE_LIMITED)).isEqualTo(10);
        assertThat(legacy.allowedFailsFor(ErrorKind.AUTHENTICATION)).isEqualTo(3); // 0 means allowed_fails
        assertThat(legacy.allowedFailsFor(ErrorKind.TIMEOUT)).isEqualTo(3);
        assertThat(legacy.allowedFailsFor(ErrorKind.BAD_GATEWAY)).isEqualTo(2);
        assertThat(legacy.shouldCooldown(failure(ErrorKind.RATE_LIMITED, 429, 2, new RecentOutcomes(10, 0, 10))))
                .isFalse();
        assertThat(legacy.shouldCooldown(failure(ErrorKind.RATE_LIMITED, 429, 2, new RecentOutcomes(11, 0, 11))))
                .isTrue();
    }

    @Test
    void cooldown_time_prefers_the_deployment_then_retry_after_then_the_router() {
        CooldownPolicy router = policy(new JsonObject().put("cooldown_time", 30));
        Deployment own = deployment("o", "g").param("cooldown_time", 12).build();

        assertThat(router.cooldownTime(own, Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(12));
        assertThat(router.cooldownTime(DEPLOYMENT, Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
        assertThat(router.cooldownTime(DEPLOYMENT, null)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void router_cooldown_time_defaults_to_five_seconds_and_zero_means_unset() {
        assertThat(DEFAULTS.cooldownTime(DEPLOYMENT, null)).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy(new JsonObject().put("cooldown_time", 0)).cooldownTime(DEPLOYMENT, null))
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(policy(new JsonObject().put("cooldown_time", 0.5)).cooldownTime(DEPLOYMENT, null))
                .isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void the_legacy_fail_window_is_the_router_cooldown_time() {
        assertThat(policy(new JsonObject().put("cooldown_time", 30)).legacyFailWindow())
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void decide_returns_the_cooldown_time_when_the_rules_say_cool() {
        GatewayException error =
                GatewayException.upstream(ErrorKind.RATE_LIMITED, "slow down", 429, Duration.ofSeconds(20));
        Failure failure = Failure.of(error, DEPLOYMENT, false, 2, outcomes(1, 10));

        assertThat(DEFAULTS.decide(failure)).contains(Duration.ofSeconds(20));
    }

    @Test
    void a_gateway_timeout_answer_is_judged_by_its_5xx_status() {
        // 504 maps to the TIMEOUT kind, but its status is a server error: rate rule, no immediate cooldown.
        assertThat(DEFAULTS.shouldCooldown(failure(ErrorKind.TIMEOUT, 504, 1, outcomes(1, 0))))
                .isFalse();
        assertThat(DEFAULTS.shouldCooldown(failure(ErrorKind.TIMEOUT, 504, 2, outcomes(1, 0))))
                .isTrue();
    }
}
