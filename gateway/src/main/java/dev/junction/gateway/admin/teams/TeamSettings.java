package dev.junction.gateway.admin.teams;

import dev.junction.gateway.admin.AdminRequest;
import dev.junction.gateway.admin.FieldType;
import dev.junction.gateway.admin.SharedFields;
import dev.junction.gateway.keys.Team;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A team's settings as {@code /team/new} and {@code /team/update} take them, applied to a team. */
final class TeamSettings {
    static final Map<String, FieldType> FIELDS = SharedFields.with(Map.of(
            "team_alias", FieldType.STRING,
            "team_id", FieldType.STRING,
            "model_aliases", FieldType.STRING_MAP,
            "organization_id", FieldType.STRING,
            "members_with_roles", FieldType.MEMBERS));

    private TeamSettings() {}

    static Team blank(String id, Instant now) {
        return new Team(id, null, List.of(), null, null, null, null, null, null, null, null, 0, false, now, now, null);
    }

    /** {@code current} with every setting the request names applied; a field given as null clears it. */
    static Team apply(AdminRequest request, Team current, Instant now) {
        String budgetDuration =
                request.has("budget_duration") ? request.string("budget_duration") : current.budgetDuration();
        Instant budgetResetAt = SharedFields.budgetResetAt(request, current.budgetResetAt(), now);
        return new Team(
                current.teamId(),
                request.has("team_alias") ? request.string("team_alias") : current.teamAlias(),
                request.has("models") ? request.strings("models") : current.models(),
                request.has("model_aliases") ? request.stringMap("model_aliases") : current.modelAliases(),
                request.has("max_budget") ? request.money("max_budget") : current.maxBudget(),
                budgetDuration,
                budgetResetAt,
                request.has("rpm_limit") ? request.count("rpm_limit") : current.rpmLimit(),
                request.has("tpm_limit") ? request.count("tpm_limit") : current.tpmLimit(),
                request.has("max_parallel_requests")
                        ? request.smallCount("max_parallel_requests")
                        : current.maxParallelRequests(),
                SharedFields.metadata(request, current.metadata()),
                current.spend(),
                request.has("blocked") && request.flag("blocked") != null ? request.flag("blocked") : current.blocked(),
                current.createdAt(),
                now,
                request.has("organization_id") ? request.string("organization_id") : current.organizationId());
    }
}
