package dev.junction.router.model;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Reads the compact table written by {@code scripts/reduce_model_table.py}: a {@code fields} header and one
 * positional row per model key. Positions are looked up by field name, so a reordered header still reads.
 */
final class ModelTableFormat {
    private ModelTableFormat() {}

    static List<ModelEntry> entries(JsonObject table) {
        JsonArray header = table.getJsonArray("fields");
        JsonObject models = table.getJsonObject("models");
        if (header == null || models == null) {
            throw new IllegalArgumentException("model table needs 'fields' and 'models'");
        }
        Columns columns = new Columns(header.getList());
        List<ModelEntry> entries = new ArrayList<>(models.size());
        for (Map.Entry<String, Object> model : models) {
            if (!(model.getValue() instanceof JsonArray row)) {
                throw new IllegalArgumentException("model table row " + model.getKey() + " is not an array");
            }
            entries.add(columns.entry(model.getKey(), row));
        }
        return entries;
    }

    private record Columns(List<?> names) {
        ModelEntry entry(String key, JsonArray row) {
            return new ModelEntry(
                    key,
                    whole(row, "max_input_tokens"),
                    whole(row, "max_output_tokens"),
                    whole(row, "max_tokens"),
                    price(row, "input_cost_per_token"),
                    price(row, "output_cost_per_token"),
                    text(row, "litellm_provider"),
                    text(row, "mode"),
                    MediaPrices.of(field -> price(row, field)));
        }

        private Object value(JsonArray row, String field) {
            int index = names.indexOf(field);
            return index < 0 || index >= row.size() ? null : row.getValue(index);
        }

        private OptionalLong whole(JsonArray row, String field) {
            return value(row, field) instanceof Number number
                    ? OptionalLong.of(number.longValue())
                    : OptionalLong.empty();
        }

        private OptionalDouble price(JsonArray row, String field) {
            return value(row, field) instanceof Number number
                    ? OptionalDouble.of(number.doubleValue())
                    : OptionalDouble.empty();
        }

        private String text(JsonArray row, String field) {
            return value(row, field) instanceof String text ? text : null;
        }
    }
}
