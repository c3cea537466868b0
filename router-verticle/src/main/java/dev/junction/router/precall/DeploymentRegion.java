package dev.junction.router.precall;

import dev.junction.config.Deployment;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The region a deployment serves from, for the region pre-call check: its {@code region_name} when set, else
 * what LiteLLM infers ({@code eu} or {@code us}) from the location the provider is called in: a Vertex AI
 * deployment's {@code vertex_location}, matched against Google's European and US regions as LiteLLM lists them.
 */
final class DeploymentRegion {
    private static final List<String> VERTEX_EU = List.of(
            "europe-central2",
            "europe-north1",
            "europe-southwest1",
            "europe-west1",
            "europe-west2",
            "europe-west3",
            "europe-west4",
            "europe-west6",
            "europe-west8",
            "europe-west9");
    private static final List<String> VERTEX_US =
            List.of("us-central1", "us-east1", "us-east4", "us-east5", "us-south1", "us-west1", "us-west4", "us-west5");

    private DeploymentRegion() {}

    /** Whether {@code deployment} may serve a request that must stay in {@code allowed}. */
    static boolean allows(Deployment deployment, String allowed) {
        Optional<String> named = deployment.stringParam("region_name");
        if (named.isPresent()) {
            return allowed.equals(named.get());
        }
        return inferred(deployment).map(allowed::equals).orElse(false);
    }

    /** {@code eu} or {@code us} for a Vertex AI location in one of them, else empty (unknown). */
    static Optional<String> inferred(Deployment deployment) {
        if (!"vertex_ai".equals(deployment.provider().prefix())) {
            return Optional.empty();
        }
        Optional<String> location = deployment
                .stringParam("vertex_location")
                .or(() -> deployment.stringParam("vertex_ai_location"))
                .map(value -> value.toLowerCase(Locale.ROOT));
        if (location.isEmpty()) {
            return Optional.empty();
        }
        String where = location.get();
        if (VERTEX_EU.stream().anyMatch(where::contains) || "eu".equals(where)) {
            return Optional.of("eu");
        }
        if (VERTEX_US.stream().anyMatch(where::contains) || "us".equals(where)) {
            return Optional.of("us");
        }
        return Optional.empty();
    }
}
