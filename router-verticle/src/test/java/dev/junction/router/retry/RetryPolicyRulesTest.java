package dev.junction.router.retry;

import static dev.junction.router.TestDeployments.deployment;
import static dev.junction.router.TestDeployments.openai;
import static dev.junction.router.TestDeployments.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Deployment;
import dev.junction.config.RouterSettings;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RetryPolicyRulesTest {
    private static final RetryPolicyRules DEFAULTS = new RetryPolicyRules(RouterSettings.defaults(), new Random(1));

    private static RetryPolicyRules rules(JsonObject merged) {
        return new RetryPolicyRules(settings(merged), new Random(1));
    }

    @Test
    void num_retries_defaults_to_two() {
        assertThat(DEFAULTS.numRetries(null, openai("a", "g"))).isEqualTo(2);
        assertThat(DEFAULTS.numRetries(null, null)).isEqualTo(2);
    }

    @Test
    void num_retries_prefers_the_request_then_the_deployment_then_the_router() {
        RetryPolicyRules router = rules(new JsonObject().put("num_retries", 4));
        Deployment own = deployment("a", "g").param("num_retries", 1).build();

        assertThat(router.numRetries(0, own)).isZero();
        assertThat(router.numRetries("3", own)).isEqualTo(3);
        assertThat(router.numRetries(null, own)).isEqualTo(1);
        assertThat(router.numRetries(null, openai("b", "g"))).isEqualTo(4);
    }

    @Test
    void a_request_asking_for_more_than_ten_retries_gets_ten() {
        assertThat(DEFAULTS.numRetries(1000, null)).isEqualTo(10);
        assertThat(DEFAULTS.numRetries("25", null)).isEqualTo(10);
        assertThat(DEFAULTS.numRetries(new java.math.BigInteger("18446744073709551621"), null))
                .isEqualTo(10);
        assertThat(DEFAULTS.numRetries(7, null)).isEqualTo(7);
        // The operator's own settings are not capped.
        assertThat(rules(new JsonObject().put("num_retries", 20)).numRetries(null, null))
                .isEqualTo(20);
    }

    @Test
    void a_malformed_request_num_retries_is_a_bad_request_naming_the_field() {
        assertThatThrownBy(() -> DEFAULTS.numRetries("lots", null))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST);
                    assertThat(e.param()).contains("num_retries");
                });
        assertThatThrownBy(() -> DEFAULTS.numRetries(-1, null)).isInstanceOf(GatewayException.class);
        assertThatThrownBy(() -> DEFAULTS.numRetries(1.5, null)).isInstanceOf(GatewayException.class);
    }

    @Test
    void retry_policy_sets_the_retries_per_error_class() {
        RetryPolicyRules policy = rules(new JsonObject()
                .put(
                        "retry_policy",
                        new JsonObject()
                                .put("RateLimitErrorRetries", 5)
                                .put("AuthenticationErrorRetries", 0)
                                .put("BadRequestErrorRetries", 1)));

        assertThat(policy.retriesFor(ErrorKind.RATE_LIMITED, "g", 2)).isEqualTo(5);
        assertThat(policy.retriesFor(ErrorKind.AUTHENTICATION, "g", 2)).isZero();
        assertThat(policy.retriesFor(ErrorKind.TIMEOUT, "g", 2)).isEqualTo(2);
        assertThat(policy.retriesFor(ErrorKind.CONTEXT_WINDOW_EXCEEDED, "g", 2)).isEqualTo(1);
    }

    @Test
    void content_policy_retries_are_checked_before_bad_request_retries() {
        RetryPolicyRules both = rules(new JsonObject()
                .put(
                        "retry_policy",
                        new JsonObject()
                                .put("BadRequestErrorRetries", 1)
                                .put("ContentPolicyViolationErrorRetries", 4)));
        RetryPolicyRules badRequestOnly =
                rules(new JsonObject().put("retry_policy", new JsonObject().put("BadRequestErrorRetries", 1)));

        assertThat(both.retriesFor(ErrorKind.CONTENT_POLICY_VIOLATION, "g", 2)).isEqualTo(4);
        assertThat(badRequestOnly.retriesFor(ErrorKind.CONTENT_POLICY_VIOLATION, "g", 2))
                .isEqualTo(1);
    }

    @Test
    void internal_server_error_retries_are_honoured_unlike_litellm() {
        RetryPolicyRules policy =
                rules(new JsonObject().put("retry_policy", new JsonObject().put("InternalServerErrorRetries", 6)));

        assertThat(policy.retriesFor(ErrorKind.INTERNAL, "g", 2)).isEqualTo(6);
        assertThat(policy.retriesFor(ErrorKind.SERVICE_UNAVAILABLE, "g", 2)).isEqualTo(6);
        assertThat(policy.retriesFor(ErrorKind.CONNECTION, "g", 2)).isEqualTo(2);
    }

    @Test
    void a_model_group_retry_policy_replaces_the_global_policy_for_its_group() {
        RetryPolicyRules policy = rules(new JsonObject()
                .put(
                        "retry_policy",
                        new JsonObject().put("RateLimitErrorRetries", 5).put("TimeoutErrorRetries", 3))
                .put(
                        "model_group_retry_policy",
                        new JsonObject().put("gpt-4", new JsonObject().put("RateLimitErrorRetries", 1))));

        assertThat(policy.retriesFor(ErrorKind.RATE_LIMITED, "gpt-4", 2)).isEqualTo(1);
        assertThat(policy.retriesFor(ErrorKind.TIMEOUT, "gpt-4", 2)).isEqualTo(2);
        assertThat(policy.retriesFor(ErrorKind.TIMEOUT, "other", 2)).isEqualTo(3);
    }

    @Test
    void transient_errors_are_retried_while_a_healthy_deployment_remains() {
        assertThat(RetryPolicyRules.shouldRetry(ErrorKind.INTERNAL, false, 1, 1, false, false, false))
                .isTrue();
        assertThat(RetryPolicyRules.shouldRetry(ErrorKind.TIMEOUT, false, 1, 3, true, false, false))
                .isTrue();
        assertThat(RetryPolicyRules.shouldRetry(ErrorKind.CONFLICT, false, 1, 1, false, false, false))
                .isTrue();
        assertThat(RetryPolicyRules.shouldRetry(ErrorKind.CONNECTION, false, 1, 1, false, false, false))
                .isTrue();
        assertThat(RetryPolicyRules.shouldRetry(ErrorKind.RATE_LIMITED, false, 1, 1, false, false, false))
                .isTrue();
    }

    @ParameterizedTest
    @EnumSource(
            value = ErrorKind.class,
            names = {"BAD_REQUEST", "UNPROCESSABLE", "CONTEXT_WINDOW_EXCEEDED", "CONTENT_POLICY_VIOLATION"})
    void a_request_the_upstream_called_wrong_is_not_retried_unless_the_retry_policy_names_it(ErrorKind kind) {
        assertThat(RetryPolicyRules.shouldRetry(kind, false, 2, 2, false, false, false))
                .isFalse();
        assertThat(RetryPolicyRules.shouldRetry(kind, true, 2, 2, false, false, false))
                .isTrue();
    }

    @Test
    void an_upstream_409_is_a_retryable_conflict() {
        assertThat(ErrorKind.forUpstreamStatus(409)).isEqualTo(ErrorKind.CONFLICT);
        assertThat(ErrorKind.retryableStatus(409)).isTrue();
        assertThat(ErrorKind.retryableStatus(400)).isFalse();
    }

    @Test
    void the_policy_names_a_kind_only_when_it_sets_a_count_for_its_class() {
        RetryPolicyRules policy =
                rules(new JsonObject().put("retry_policy", new JsonObject().put("BadRequestErrorRetries", 2)));

        assertThat(policy.policyNames(ErrorKind.BAD_REQUEST, "gpt-4")).isTrue();
        assertThat(policy.policyNames(ErrorKind.CONTENT_POLICY_VIOLATION, "gpt-4"))
                .isTrue();
        assertThat(policy.policyNames(ErrorKind.RATE_LIMITED, "gpt-4")).isFalse();
        assertThat(DEFAULTS.policyNames(ErrorKind.BAD_REQUEST, "gpt-4")).isFalse();
    }

    @Test
    void nothing_is_retried_when_no_healthy_deployment_is_left() {
        assertThat(RetryPolicyRules.shouldRetry(ErrorKind.INTERNAL, false, 0, 3, false, false, false))
                .isFalse();
        assertThat(RetryPolicyRules.shouldRetry(ErrorKind.RATE_LIMITED, false, 0, 3, true, false, false))
                .isFalse();
    }

    @Test
    void context_window_errors_go_straight_to_their_own_fallbacks() {
        assertThat(RetryPolicyRules.shouldRetry(ErrorKind.CONTEXT_WINDOW_EXCEEDED, false, 2, 2, true, true, false))
                .isFalse();
        assertThat(RetryPolicyRules.shouldRetry(ErrorKind.CONTEXT_WINDOW_EXCEEDED, true, 2, 2, true, false, false))
                .as("without context-window fallbacks, retried only when the policy names it")
                .isTrue();
    }

    @Test
    void content_policy_errors_go_straight_to_their_own_fallbacks() {
        assertThat(RetryPolicyRules.shouldRetry(ErrorKind.CONTENT_POLICY_VIOLATION, false, 2, 2, false, false, true))
                .isFalse();
        assertThat(RetryPolicyRules.shouldRetry(ErrorKind.CONTENT_POLICY_VIOLATION, true, 2, 2, false, true, false))
                .as("without content-policy fallbacks, retried only when the policy names it")
                .isTrue();
    }

    @Test
    void not_found_is_never_retried() {
        assertThat(RetryPolicyRules.shouldRetry(ErrorKind.NOT_FOUND, false, 5, 5, false, false, false))
                .isFalse();
    }

    @Test
    void authentication_and_permission_errors_are_retried_only_in_groups_with_other_deployments() {
        assertThat(RetryPolicyRules.shouldRetry(ErrorKind.AUTHENTICATION, false, 1, 1, false, false, false))
                .isFalse();
        assertThat(RetryPolicyRules.shouldRetry(ErrorKind.AUTHENTICATION, false, 1, 2, false, false, false))
                .isTrue();
        assertThat(RetryPolicyRules.shouldRetry(ErrorKind.PERMISSION_DENIED, false, 1, 1, false, false, false))
                .isFalse();
        assertThat(RetryPolicyRules.shouldRetry(ErrorKind.PERMISSION_DENIED, false, 1, 2, false, false, false))
                .isTrue();
    }

    @ParameterizedTest
    @EnumSource(
            value = ErrorKind.class,
            names = {"CLIENT_CLOSED", "INVALID_MODEL", "NO_DEPLOYMENTS_AVAILABLE", "PAYLOAD_TOO_LARGE"})
    void gateway_side_errors_are_never_retried(ErrorKind kind) {
        assertThat(RetryPolicyRules.shouldRetry(kind, false, 3, 3, false, false, false))
                .isFalse();
    }

    @Test
    void no_wait_when_another_healthy_deployment_can_take_the_retry() {
        assertThat(DEFAULTS.backoff(2, 2, Duration.ofSeconds(30), Duration.ofSeconds(3), true))
                .isZero();
    }

    @Test
    void an_upstream_retry_after_up_to_sixty_seconds_is_honoured() {
        assertThat(DEFAULTS.backoff(2, 2, Duration.ofSeconds(12), Duration.ZERO, false))
                .isEqualTo(Duration.ofSeconds(12));
        assertThat(DEFAULTS.backoff(2, 2, Duration.ofSeconds(60), Duration.ZERO, false))
                .isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void a_retry_after_over_sixty_seconds_or_zero_falls_back_to_exponential_backoff() {
        assertThat(DEFAULTS.backoff(2, 2, Duration.ofSeconds(61), Duration.ZERO, false))
                .isBetween(Duration.ofMillis(375), Duration.ofMillis(500));
        assertThat(DEFAULTS.backoff(2, 2, Duration.ZERO, Duration.ZERO, false))
                .isBetween(Duration.ofMillis(375), Duration.ofMillis(500));
    }

    @Test
    void backoff_doubles_per_attempt_up_to_eight_seconds_with_at_most_a_quarter_of_jitter() {
        RetryPolicyRules rules = new RetryPolicyRules(RouterSettings.defaults(), new Random(99));
        double[] expected = {0.5, 1, 2, 4, 8, 8};
        for (int attempt = 0; attempt < expected.length; attempt++) {
            for (int sample = 0; sample < 200; sample++) {
                Duration wait = rules.backoff(10 - attempt, 10, null, Duration.ZERO, false);
                double seconds = wait.toNanos() / 1e9;
                assertThat(seconds).isBetween(expected[attempt] * 0.75, expected[attempt]);
            }
        }
    }

    @Test
    void jitter_is_spread_over_the_whole_quarter() {
        RetryPolicyRules rules = new RetryPolicyRules(RouterSettings.defaults(), new Random(5));
        double sum = 0;
        int runs = 10_000;
        for (int i = 0; i < runs; i++) {
            sum += rules.backoff(0, 0, null, Duration.ZERO, false).toNanos() / 1e9;
        }
        // Uniform jitter in [0.75, 1] of 0.5 s averages 0.4375 s.
        assertThat(sum / runs).isCloseTo(0.4375, org.assertj.core.api.Assertions.within(0.005));
    }

    @Test
    void backoff_is_never_shorter_than_retry_after() {
        RetryPolicyRules configured = rules(new JsonObject().put("retry_after", 3));

        assertThat(configured.retryAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(configured.backoff(2, 2, null, false)).isEqualTo(Duration.ofSeconds(3));
        assertThat(configured.backoff(2, 2, Duration.ofSeconds(1), false)).isEqualTo(Duration.ofSeconds(1));
    }
}
