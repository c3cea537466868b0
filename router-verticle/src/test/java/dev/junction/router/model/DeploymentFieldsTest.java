package dev.junction.router.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.router.TestModelDeployments;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class DeploymentFieldsTest {

    @Test
    void numbers_may_arrive_as_text_from_environment_substitution() {
        JsonObject json = new JsonObject().put("a", "8192").put("b", " 2.5e-6 ");
        assertThat(DeploymentFields.wholeNumber(json, "a")).hasValue(8192);
        assertThat(DeploymentFields.number(json, "b").getAsDouble()).isEqualTo(2.5e-6);
    }

    @Test
    void junk_and_fractions_read_as_absent_rather_than_failing_a_request() {
        JsonObject json = new JsonObject()
                .put("text", "lots")
                .put("fraction", 1.5)
                .put("list", new JsonArray())
                .put("nan", "NaN");
        assertThat(DeploymentFields.number(json, "text")).isEmpty();
        assertThat(DeploymentFields.wholeNumber(json, "fraction")).isEmpty();
        assertThat(DeploymentFields.number(json, "list")).isEmpty();
        assertThat(DeploymentFields.number(json, "nan")).isEmpty();
        assertThat(DeploymentFields.number(json, "missing")).isEmpty();
        assertThat(DeploymentFields.wholeNumber(new JsonObject().put("w", 8192.0), "w"))
                .hasValue(8192);
    }

    @Test
    void base_model_in_model_info_wins_over_litellm_params() {
        var both = TestModelDeployments.of("azure/x")
                .info("base_model", "azure/gpt-4o")
                .param("base_model", "azure/gpt-4")
                .build();
        var paramsOnly = TestModelDeployments.of("azure/x")
                .param("base_model", "azure/gpt-4")
                .build();
        var blank = TestModelDeployments.of("azure/x").info("base_model", " ").build();
        assertThat(DeploymentFields.baseModel(both)).contains("azure/gpt-4o");
        assertThat(DeploymentFields.baseModel(paramsOnly)).contains("azure/gpt-4");
        assertThat(DeploymentFields.baseModel(blank)).isEmpty();
    }

    @Test
    void order_comes_from_litellm_params_then_model_info() {
        var both = TestModelDeployments.of("gpt-4o")
                .param("order", 2)
                .info("order", 1)
                .build();
        var infoOnly = TestModelDeployments.of("gpt-4o").info("order", "3").build();
        assertThat(DeploymentFields.order(both)).hasValue(2);
        assertThat(DeploymentFields.order(infoOnly)).hasValue(3);
        assertThat(DeploymentFields.order(TestModelDeployments.of("gpt-4o").build()))
                .isEmpty();
    }
}
