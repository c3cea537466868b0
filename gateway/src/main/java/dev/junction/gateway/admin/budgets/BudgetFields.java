package dev.junction.gateway.admin.budgets;

import static java.util.Map.entry;

import dev.junction.cluster.error.GatewayException;
import dev.junction.gateway.admin.AdminRequest;
import dev.junction.gateway.admin.FieldType;
import dev.junction.gateway.keys.Budget;
import dev.junction.gateway.keys.DurationText;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;

/**
 * LiteLLM's budget fields ({@code BudgetNewRequest}), which {@code /budget/*} take and which {@code
 * /end_user/new}, {@code /organization/new} and their updates take to make or change the budget they reference.
 */
public final class BudgetFields {
    /** The limits of a budget, without its id. */
    public static final Map<String, FieldType> LIMITS = Map.ofEntries(
            entry("max_budget", FieldType.MONEY),
            entry("soft_budget", FieldType.MONEY),
            entry("max_parallel_requests", FieldType.SMALL_COUNT),
            entry("tpm_limit", FieldType.COUNT),
            entry("rpm_limit", FieldType.COUNT),
            entry("budget_duration", FieldType.DURATION),
            entry("model_max_budget", FieldType.OBJECT),
            entry("budget_reset_at", FieldType.STRING));

    private BudgetFields() {}

    /** Whether the request sets any limit of a budget. */
    public static boolean any(AdminRequest request) {
        return LIMITS.keySet().stream().anyMatch(request::has);
    }

    /** A new budget with the request's limits; {@code id} null makes one up. */
    public static Budget made(AdminRequest request, String id, String actor, Instant now) {
        Budget blank = new Budget(
                id != null ? id : UUID.randomUUID().toString(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                actor,
                actor,
                now,
                now);
        return apply(request, blank, actor, now);
    }

    /** {@code current} with every limit the request names applied; a field given as null clears it. */
    public static Budget apply(AdminRequest request, Budget current, String actor, Instant now) {
        String duration = request.has("budget_duration") ? request.string("budget_duration") : current.budgetDuration();
        Instant resetAt = current.budgetResetAt();
        if (request.has("budget_reset_at")) {
            resetAt = instant(request.string("budget_reset_at"));
        } else if (request.has("budget_duration")) {
            resetAt = duration == null ? null : now.plus(DurationText.parse(duration));
        }
        return new Budget(
                current.budgetId(),
                request.has("max_budget") ? request.money("max_budget") : current.maxBudget(),
                request.has("soft_budget") ? request.money("soft_budget") : current.softBudget(),
                request.has("max_parallel_requests")
                        ? request.smallCount("max_parallel_requests")
                        : current.maxParallelRequests(),
                request.has("tpm_limit") ? request.count("tpm_limit") : current.tpmLimit(),
                request.has("rpm_limit") ? request.count("rpm_limit") : current.rpmLimit(),
                request.has("model_max_budget") ? request.object("model_max_budget") : current.modelMaxBudget(),
                duration,
                resetAt,
                current.createdBy(),
                actor,
                current.createdAt(),
                now);
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException invalid) {
            throw GatewayException.badField(
                    "budget_reset_at", "budget_reset_at must be an ISO-8601 time such as 2025-01-31T00:00:00Z");
        }
    }
}
