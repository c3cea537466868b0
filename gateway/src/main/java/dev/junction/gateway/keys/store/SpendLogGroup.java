package dev.junction.gateway.keys.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Spend log rows summed over one group.
 *
 * @param day the UTC day (days since the epoch), when grouped by day; else null
 * @param values the group's value of each grouping column, in order (a value may be null)
 * @param spend USD
 * @param promptTokens prompt tokens
 * @param completionTokens completion tokens
 * @param calls how many rows
 */
public record SpendLogGroup(
        Long day, Map<String, String> values, double spend, long promptTokens, long completionTokens, long calls) {
    /** The columns spend logs may be grouped by. */
    public static final Set<String> COLUMNS =
            Set.of("api_key", "user_id", "team_id", "organization_id", "end_user", "model", "model_group", "model_id");

    public long totalTokens() {
        return promptTokens + completionTokens;
    }

    public String value(String column) {
        return values.get(column);
    }

    static SpendLogGroup read(ResultSet row, List<String> columns, boolean byDay) throws SQLException {
        int i = 1;
        Long day = byDay ? row.getLong(i++) : null;
        Map<String, String> values = new LinkedHashMap<>();
        for (String column : columns) {
            values.put(column, row.getString(i++));
        }
        return new SpendLogGroup(day, values, row.getDouble(i++), row.getLong(i++), row.getLong(i++), row.getLong(i));
    }
}
