package dev.junction.router.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cluster.error.ErrorKind;
import org.junit.jupiter.api.Test;

class ErrorCategoryTest {

    @Test
    void a_content_policy_violation_is_also_a_bad_request_but_checked_first() {
        assertThat(ErrorCategory.of(ErrorKind.CONTENT_POLICY_VIOLATION))
                .containsExactly(ErrorCategory.CONTENT_POLICY_VIOLATION, ErrorCategory.BAD_REQUEST);
    }

    @Test
    void a_context_window_error_is_only_a_bad_request() {
        assertThat(ErrorCategory.of(ErrorKind.CONTEXT_WINDOW_EXCEEDED)).containsExactly(ErrorCategory.BAD_REQUEST);
    }

    @Test
    void every_5xx_answer_is_an_internal_server_error_but_connection_errors_are_not() {
        assertThat(ErrorCategory.of(ErrorKind.INTERNAL)).containsExactly(ErrorCategory.INTERNAL_SERVER);
        assertThat(ErrorCategory.of(ErrorKind.BAD_GATEWAY)).containsExactly(ErrorCategory.INTERNAL_SERVER);
        assertThat(ErrorCategory.of(ErrorKind.SERVICE_UNAVAILABLE)).containsExactly(ErrorCategory.INTERNAL_SERVER);
        assertThat(ErrorCategory.of(ErrorKind.CONNECTION)).isEmpty();
    }

    @Test
    void not_found_has_no_policy_key() {
        assertThat(ErrorCategory.of(ErrorKind.NOT_FOUND)).isEmpty();
    }

    @Test
    void keys_are_litellm_policy_field_names() {
        assertThat(ErrorCategory.RATE_LIMIT.retriesKey()).isEqualTo("RateLimitErrorRetries");
        assertThat(ErrorCategory.CONTENT_POLICY_VIOLATION.allowedFailsKey())
                .isEqualTo("ContentPolicyViolationErrorAllowedFails");
    }
}
