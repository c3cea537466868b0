package dev.junction.gateway.keys;

import static dev.junction.gateway.keys.JsonFields.instant;
import static dev.junction.gateway.keys.JsonFields.text;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * A user's membership of a team: a role in it and a budget within it (LiteLLM's {@code members_with_roles}
 * entry and its LiteLLM_TeamMembership row, in one).
 *
 * @param teamId the team
 * @param userId the user
 * @param userEmail the user's e-mail when known, or null
 * @param role {@code admin} or {@code user}
 * @param maxBudgetInTeam USD the user's keys of this team may spend, or null
 * @param spend USD the user's keys of this team spent
 * @param createdAt when the user joined
 * @param updatedAt when the membership last changed
 */
public record TeamMember(
        String teamId,
        String userId,
        String userEmail,
        String role,
        Double maxBudgetInTeam,
        double spend,
        Instant createdAt,
        Instant updatedAt) {
    public static final String ADMIN = "admin";
    public static final String USER = "user";

    public TeamMember {
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(userId, "userId");
        role = role == null ? USER : role;
    }

    public boolean isAdmin() {
        return ADMIN.equals(role);
    }

    /** A {@code members_with_roles} entry. */
    public JsonObject asMemberWithRole() {
        return new JsonObject()
                .put("user_id", userId)
                .put("user_email", userEmail)
                .put("role", role);
    }

    /** A {@code team_memberships} entry, LiteLLM's LiteLLM_TeamMembership with its budget inline. */
    public JsonObject asMembership() {
        return new JsonObject()
                .put("user_id", userId)
                .put("team_id", teamId)
                .put("budget_id", null)
                .put("spend", spend)
                .put("litellm_budget_table", new JsonObject().put("max_budget", maxBudgetInTeam));
    }

    public JsonObject toJson() {
        return asMemberWithRole()
                .put("team_id", teamId)
                .put("max_budget_in_team", maxBudgetInTeam)
                .put("spend", spend)
                .put("created_at", text(createdAt))
                .put("updated_at", text(updatedAt));
    }

    public static TeamMember fromJson(JsonObject json) {
        return new TeamMember(
                json.getString("team_id"),
                json.getString("user_id"),
                json.getString("user_email"),
                json.getString("role"),
                json.getDouble("max_budget_in_team"),
                json.getDouble("spend", 0.0),
                instant(json.getString("created_at")),
                instant(json.getString("updated_at")));
    }
}
