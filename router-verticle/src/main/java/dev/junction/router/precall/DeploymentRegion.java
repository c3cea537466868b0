package dev.junction.router.precall;

import dev.junction.config.Deployment;
import dev.junction.router.model.DeploymentFields;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The regions a deployment serves from, for the region pre-call check: its {@code region_name} when set, else
 * what LiteLLM infers from the location the provider is called in. An AWS deployment is in its {@code
 * aws_region_name} (the config always resolves one for Bedrock and SageMaker) and that region's geography, so
 * that {@code eu-west-1} is in {@code eu}; a Vertex AI deployment is in {@code eu} or {@code us} when its {@code
 * vertex_location} is one of Google's European or US regions as LiteLLM lists them.
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
        return regions(deployment).contains(allowed);
    }

    /** The regions {@code deployment} is in; empty when neither named nor inferable (such a deployment is dropped). */
    static Set<String> regions(Deployment deployment) {
        Optional<String> named = DeploymentFields.text(deployment.litellmParams(), "region_name");
        if (named.isPresent()) {
            return Set.of(named.get());
        }
        Optional<String> aws = DeploymentFields.text(deployment.litellmParams(), "aws_region_name");
        if (aws.isPresent()) {
            return awsRegions(aws.get());
        }
        return vertexRegion(deployment).map(Set::of).orElse(Set.of());
    }

    private static Set<String> awsRegions(String region) {
        String geography = region.contains("-") ? region.substring(0, region.indexOf('-')) : region;
        return geography.equals("eu") || geography.equals("us") ? Set.of(region, geography) : Set.of(region);
    }

    /** {@code eu} or {@code us} for a Vertex AI location in one of them, else empty (unknown). */
    static Optional<String> vertexRegion(Deployment deployment) {
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
