package dev.junction.gateway.keys.store;

import java.util.List;

/**
 * Which spend log rows a query reads; every field may be null (no condition).
 *
 * @param apiKey the key's hash
 * @param userId the key's user
 * @param requestId one call
 * @param fromMillis rows that started at or after this (epoch millis)
 * @param untilMillis rows that started before this (epoch millis)
 */
public record SpendLogFilter(String apiKey, String userId, String requestId, Long fromMillis, Long untilMillis) {
    public static SpendLogFilter since(long fromMillis) {
        return new SpendLogFilter(null, null, null, fromMillis, null);
    }

    /** This filter, for one user's rows only (an internal user's view). */
    public SpendLogFilter forUser(String user) {
        return new SpendLogFilter(apiKey, user, requestId, fromMillis, untilMillis);
    }

    /** The WHERE clause (or "") and, into {@code params}, its values in order. */
    String where(List<Object> params) {
        StringBuilder where = new StringBuilder();
        condition(where, params, "api_key = ?", apiKey);
        condition(where, params, "user_id = ?", userId);
        condition(where, params, "request_id = ?", requestId);
        condition(where, params, "start_time >= ?", fromMillis);
        condition(where, params, "start_time < ?", untilMillis);
        return where.toString();
    }

    private static void condition(StringBuilder where, List<Object> params, String test, Object value) {
        if (value != null) {
            where.append(where.length() == 0 ? " WHERE " : " AND ").append(test);
            params.add(value);
        }
    }
}
