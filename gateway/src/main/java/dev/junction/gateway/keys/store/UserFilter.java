package dev.junction.gateway.keys.store;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * LiteLLM's {@code /user/list} filters and order: a role, a list of ids (one id matches as a part, several
 * exactly), part of an e-mail (in any case), membership of a team.
 *
 * @param role a role, or null
 * @param userIds ids, or empty
 * @param emailPart part of an e-mail, or null
 * @param teamId a team the users belong to, or null
 * @param sortBy one of {@link #SORTABLE}, or null for newest first
 * @param descending whether {@code sortBy} runs high to low
 */
public record UserFilter(
        String role, List<String> userIds, String emailPart, String teamId, String sortBy, boolean descending) {
    /** LiteLLM's sortable columns, and where each lives. */
    public static final Map<String, String> SORTABLE = Map.of(
            "user_id", "user_id",
            "user_email", "email_key",
            "created_at", "created_at",
            "spend", "spend",
            "user_alias", "user_alias",
            "user_role", "user_role");

    public UserFilter {
        userIds = userIds == null ? List.of() : List.copyOf(userIds);
        if (sortBy != null && !SORTABLE.containsKey(sortBy)) {
            throw new IllegalArgumentException("sort_by must be one of " + SORTABLE.keySet());
        }
    }

    public static UserFilter none() {
        return new UserFilter(null, List.of(), null, null, null, false);
    }

    /** The WHERE clause (or "") and, into {@code params}, its values in order. */
    String where(List<Object> params) {
        StringBuilder where = new StringBuilder();
        if (role != null) {
            and(where).append("user_role = ?");
            params.add(role);
        }
        if (userIds.size() == 1) {
            and(where).append("LOWER(user_id) LIKE ?");
            params.add("%" + like(userIds.get(0).toLowerCase(Locale.ROOT)) + "%");
        } else if (!userIds.isEmpty()) {
            and(where).append("user_id IN (").append(Sql.marks(userIds.size())).append(")");
            params.addAll(userIds);
        }
        if (emailPart != null) {
            and(where).append("email_key LIKE ?");
            params.add("%" + like(emailPart.toLowerCase(Locale.ROOT)) + "%");
        }
        if (teamId != null) {
            and(where).append("user_id IN (SELECT user_id FROM junction_team_members WHERE team_id = ?)");
            params.add(teamId);
        }
        return where.toString();
    }

    String orderBy() {
        if (sortBy == null) {
            return "created_at DESC, user_id";
        }
        return SORTABLE.get(sortBy) + (descending ? " DESC" : " ASC") + ", user_id";
    }

    private static StringBuilder and(StringBuilder where) {
        return where.append(where.length() == 0 ? " WHERE " : " AND ");
    }

    /** A LIKE pattern matching {@code text} literally (both databases escape with a backslash by default). */
    private static String like(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
