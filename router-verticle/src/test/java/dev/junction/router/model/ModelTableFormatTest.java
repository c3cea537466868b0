package dev.junction.router.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ModelTableFormatTest {

    @Test
    void reads_rows_by_the_header_names_not_by_fixed_positions() {
        ModelTable table = ModelTable.fromJson(
                new JsonObject(
                        """
                {"fields": ["mode", "litellm_provider", "max_input_tokens", "input_cost_per_token"],
                 "models": {"m": ["chat", "openai", 1000, 1e-6]}}
                """));
        ModelEntry entry = table.entry("m").orElseThrow();
        assertThat(entry.mode()).isEqualTo("chat");
        assertThat(entry.litellmProvider()).isEqualTo("openai");
        assertThat(entry.maxInputTokens()).hasValue(1000);
        assertThat(entry.inputCostPerToken().getAsDouble()).isEqualTo(1e-6);
        assertThat(entry.maxOutputTokens()).isEmpty();
        assertThat(entry.outputCostPerToken()).isEmpty();
    }

    @Test
    void nulls_and_short_rows_read_as_unknown() {
        ModelTable table = ModelTable.fromJson(
                new JsonObject(
                        """
                {"fields": ["max_input_tokens", "max_output_tokens", "litellm_provider"],
                 "models": {"m": [null, 10]}}
                """));
        ModelEntry entry = table.entry("m").orElseThrow();
        assertThat(entry.maxInputTokens()).isEmpty();
        assertThat(entry.maxOutputTokens()).hasValue(10);
        assertThat(entry.litellmProvider()).isNull();
    }

    @Test
    void rejects_a_table_without_header_or_with_a_non_array_row() {
        assertThatThrownBy(() -> ModelTable.fromJson(new JsonObject("{\"models\": {}}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fields");
        assertThatThrownBy(() -> ModelTable.fromJson(new JsonObject("{\"fields\": [], \"models\": {\"m\": 1}}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row m");
    }

    @Test
    void missing_resource_is_named_in_the_error() {
        assertThatThrownBy(() -> ModelTable.read("/no-such-table.json"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/no-such-table.json");
    }
}
