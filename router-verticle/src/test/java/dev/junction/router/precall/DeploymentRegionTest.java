package dev.junction.router.precall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.config.Deployment;
import dev.junction.router.TestModelDeployments;
import dev.junction.router.model.ModelTable;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The region of a deployment for the region pre-call check, named or inferred as LiteLLM infers it. */
class DeploymentRegionTest {

    private static Deployment vertex(String location) {
        return TestModelDeployments.of("vertex_ai/gemini-2.0-flash")
                .id("vertex-" + location)
                .param("vertex_location", location)
                .build();
    }

    @ParameterizedTest
    @CsvSource({"europe-west4, eu", "europe-west9, eu", "eu, eu", "us-central1, us", "us-east5, us", "us, us"})
    void a_vertex_location_in_europe_or_the_us_is_inferred_as_eu_or_us(String location, String region) {
        assertThat(DeploymentRegion.vertexRegion(vertex(location))).contains(region);
        assertThat(DeploymentRegion.allows(vertex(location), region)).isTrue();
    }

    @Test
    void other_locations_and_other_providers_have_no_inferred_region() {
        assertThat(DeploymentRegion.vertexRegion(vertex("asia-northeast1"))).isEmpty();
        assertThat(DeploymentRegion.vertexRegion(TestModelDeployments.of("openai/gpt-4o")
                        .param("vertex_location", "europe-west4")
                        .build()))
                .isEmpty();
    }

    @Test
    void region_name_wins_over_the_location() {
        Deployment named = TestModelDeployments.of("vertex_ai/gemini-2.0-flash")
                .param("vertex_location", "europe-west4")
                .param("region_name", "us")
                .build();

        assertThat(DeploymentRegion.allows(named, "us")).isTrue();
        assertThat(DeploymentRegion.allows(named, "eu")).isFalse();
    }

    @Test
    void region_name_wins_over_the_aws_region() {
        Deployment named = TestModelDeployments.of("bedrock/anthropic.claude-3-haiku-20240307-v1:0")
                .param("aws_region_name", "eu-west-1")
                .param("region_name", "us")
                .build();

        assertThat(DeploymentRegion.regions(named)).containsExactly("us");
    }

    @Test
    void the_region_check_keeps_vertex_deployments_whose_location_is_in_the_allowed_region() {
        PreCallChecks checks = new PreCallChecks(ModelTable.load());
        Deployment europe = vertex("europe-west4");
        Deployment america = vertex("us-central1");
        Deployment unknown = vertex("asia-northeast1");

        PreCallResult result = checks.apply(List.of(europe, america, unknown), 10, "eu");

        assertThat(result.deployments()).containsExactly(europe);
        assertThat(result.dropped())
                .extracting(PreCallResult.Dropped::deployment)
                .containsExactly(america, unknown);
    }
}
