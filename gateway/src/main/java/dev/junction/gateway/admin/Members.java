package dev.junction.gateway.admin;

import dev.junction.cluster.error.GatewayException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Members as a request gives them ({@code member}, {@code members_with_roles}): one object or a list, each with
 * a {@code user_id} or a {@code user_email} and a role. Their shape is checked by the field type; the role here.
 *
 * @param userId the user's id, or null
 * @param userEmail the user's e-mail, or null
 * @param role the role
 */
public record Members(String userId, String userEmail, String role) {
    /** A team's roles. */
    public static final Set<String> TEAM_ROLES = Set.of("admin", "user");

    /**
     * The members a field holds, each with a role among {@code roles}, {@code defaultRole} when it names none.
     *
     * @param field the field's name, for the 400
     */
    public static List<Members> of(Object value, String field, Set<String> roles, String defaultRole) {
        List<Members> members = new ArrayList<>();
        if (value instanceof JsonObject one) {
            members.add(one(one, field, roles, defaultRole));
        } else if (value instanceof JsonArray list) {
            for (int i = 0; i < list.size(); i++) {
                members.add(one(list.getJsonObject(i), field + "[" + i + "]", roles, defaultRole));
            }
        }
        return members;
    }

    private static Members one(JsonObject member, String field, Set<String> roles, String defaultRole) {
        String role = member.getString("role", defaultRole);
        if (role == null || !roles.contains(role)) {
            throw GatewayException.badField(field, field + ".role must be one of " + new java.util.TreeSet<>(roles));
        }
        return new Members(member.getString("user_id"), member.getString("user_email"), role);
    }
}
