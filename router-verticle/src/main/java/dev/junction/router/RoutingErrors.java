package dev.junction.router;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import java.time.Duration;
import java.util.List;

/** The errors the router raises itself, worded as LiteLLM words them. */
final class RoutingErrors {
    private RoutingErrors() {}

    /**
     * No deployment of the group can take the call now. LiteLLM's proxy turns this message into a 429; Junction
     * also says when to come back.
     */
    static GatewayException noDeployments(
            String model, Duration retryAfter, boolean preCallChecks, List<String> coolingIds) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        String message = "No deployments available for selected model, Try again in " + seconds
                + " seconds. Passed model=" + model + ". pre-call-checks=" + (preCallChecks ? "True" : "False")
                + ", cooldown_list=" + coolingIds;
        return GatewayException.of(ErrorKind.NO_DEPLOYMENTS_AVAILABLE, message)
                .withRetryAfter(Duration.ofSeconds(seconds));
    }

    /** The group exists in the config, but each of its deployments names a provider Junction does not speak. */
    static GatewayException unsupportedProvider(String model, String provider) {
        return GatewayException.of(
                        ErrorKind.BAD_REQUEST,
                        ErrorKind.BAD_REQUEST.describe("model=" + model + " has no deployment Junction can serve: "
                                + "its provider '" + provider + "' is not supported (the deployment was skipped at "
                                + "start-up)"))
                .withParam("model");
    }

    static GatewayException contextWindow(String model, long promptTokens) {
        return GatewayException.of(
                ErrorKind.CONTEXT_WINDOW_EXCEEDED,
                ErrorKind.CONTEXT_WINDOW_EXCEEDED.describe("the prompt of " + promptTokens
                        + " tokens exceeds the context window of every deployment of model=" + model));
    }

    static GatewayException mock(ErrorKind kind, String model) {
        return GatewayException.upstream(
                kind,
                kind.describe("This is a mock exception for model=" + model + ", to trigger a fallback."),
                kind.httpStatus(),
                null);
    }

    static GatewayException contentFiltered(String model) {
        return GatewayException.upstream(
                ErrorKind.CONTENT_POLICY_VIOLATION,
                ErrorKind.CONTENT_POLICY_VIOLATION.describe("Response output was blocked. model=" + model),
                400,
                null);
    }
}
