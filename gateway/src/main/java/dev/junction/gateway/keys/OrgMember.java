package dev.junction.gateway.keys;

import static dev.junction.gateway.keys.JsonFields.text;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A user's membership of an organisation (LiteLLM's LiteLLM_OrganizationMembership).
 *
 * @param organizationId the organisation
 * @param userId the user
 * @param userRole {@code org_admin}, {@code internal_user} or {@code internal_user_viewer}
 * @param spend USD spent within the organisation
 * @param budgetId the budget of {@code max_budget_in_organization}, or null
 * @param createdAt when the user joined
 * @param updatedAt when the membership last changed
 */
public record OrgMember(
        String organizationId,
        String userId,
        String userRole,
        double spend,
        String budgetId,
        Instant createdAt,
        Instant updatedAt) {
    /** LiteLLM's roles within an organisation. */
    public static final Set<String> ROLES = Set.of("org_admin", "internal_user", "internal_user_viewer");

    public OrgMember {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(userId, "userId");
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("organization_id", organizationId)
                .put("user_id", userId)
                .put("user_role", userRole)
                .put("spend", spend)
                .put("budget_id", budgetId)
                .put("created_at", text(createdAt))
                .put("updated_at", text(updatedAt));
    }
}
