package dev.junction.gateway.admin.users;

import dev.junction.cluster.error.GatewayException;
import dev.junction.config.KeyManagementSettings;
import dev.junction.gateway.admin.AdminRequest;
import dev.junction.gateway.admin.FieldType;
import dev.junction.gateway.admin.SharedFields;
import dev.junction.gateway.keys.User;
import dev.junction.gateway.keys.UserRole;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A user's settings as {@code /user/new} and {@code /user/update} take them, applied to a user. */
final class UserSettings {
    /** What both routes take. */
    static final Map<String, FieldType> COMMON = SharedFields.with(Map.of(
            "user_id", FieldType.STRING,
            "user_email", FieldType.STRING,
            "user_alias", FieldType.STRING,
            "user_role", FieldType.STRING,
            "spend", FieldType.MONEY));

    /** {@code /user/new}: the user, its teams and organisations, and the key made with it. */
    static final Map<String, FieldType> NEW = with(Map.of(
            "teams", FieldType.LIST,
            "organizations", FieldType.STRING_LIST,
            "auto_create_key", FieldType.BOOLEAN,
            "key_alias", FieldType.STRING,
            "duration", FieldType.DURATION,
            "send_invite_email", FieldType.BOOLEAN));

    private UserSettings() {}

    private static Map<String, FieldType> with(Map<String, FieldType> own) {
        Map<String, FieldType> all = new HashMap<>(COMMON);
        all.putAll(own);
        return Map.copyOf(all);
    }

    /**
     * The request with LiteLLM's {@code max_internal_user_budget} and {@code internal_user_budget_duration} as
     * the new user's {@code max_budget} and {@code budget_duration} when it names none (or null), for an
     * internal user: one given that role, or no role (Junction's default for new users).
     */
    static AdminRequest withInternalUserDefaults(AdminRequest request, KeyManagementSettings settings) {
        String role = request.string("user_role");
        if (role != null && !role.equals(UserRole.INTERNAL_USER.litellmName())) {
            return request;
        }
        AdminRequest filled = request;
        if (request.value("max_budget") == null && settings.maxInternalUserBudget() != null) {
            filled = filled.with("max_budget", settings.maxInternalUserBudget());
        }
        if (request.value("budget_duration") == null && settings.internalUserBudgetDuration() != null) {
            filled = filled.with("budget_duration", settings.internalUserBudgetDuration());
        }
        return filled;
    }

    static User blank(String id, Instant now) {
        return new User(id, null, null, null, List.of(), null, null, null, null, null, null, null, 0, now, now);
    }

    /** {@code current} with every setting the request names applied; a field given as null clears it. */
    static User apply(AdminRequest request, User current, Instant now) {
        String role = request.has("user_role") ? request.string("user_role") : current.userRole();
        if (role != null && UserRole.of(role).isEmpty()) {
            throw GatewayException.badField(
                    "user_role",
                    "user_role must be one of "
                            + Arrays.stream(UserRole.values())
                                    .map(UserRole::litellmName)
                                    .toList());
        }
        return new User(
                current.userId(),
                request.has("user_email") ? request.string("user_email") : current.userEmail(),
                request.has("user_alias") ? request.string("user_alias") : current.userAlias(),
                role,
                request.has("models") ? request.strings("models") : current.models(),
                request.has("max_budget") ? request.money("max_budget") : current.maxBudget(),
                request.has("budget_duration") ? request.string("budget_duration") : current.budgetDuration(),
                SharedFields.budgetResetAt(request, current.budgetResetAt(), now),
                request.has("rpm_limit") ? request.count("rpm_limit") : current.rpmLimit(),
                request.has("tpm_limit") ? request.count("tpm_limit") : current.tpmLimit(),
                request.has("max_parallel_requests")
                        ? request.smallCount("max_parallel_requests")
                        : current.maxParallelRequests(),
                SharedFields.metadata(request, current.metadata()),
                request.has("spend") && request.money("spend") != null ? request.money("spend") : current.spend(),
                current.createdAt(),
                now);
    }
}
