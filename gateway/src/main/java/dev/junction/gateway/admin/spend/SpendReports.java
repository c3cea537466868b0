package dev.junction.gateway.admin.spend;

import dev.junction.cluster.error.GatewayException;
import dev.junction.gateway.admin.AdminContext;
import dev.junction.gateway.keys.Team;
import dev.junction.gateway.keys.store.SpendLogFilter;
import dev.junction.gateway.keys.store.SpendLogGroup;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * LiteLLM's {@code /global/spend/report}: spend over a date range grouped by team or end user (per day, with the
 * model and key each spent on), or by key (with each key's models). Junction adds {@code group_by=model} (with
 * each model's keys).
 */
public final class SpendReports {
    static final Set<String> GROUPS = Set.of("team", "customer", "api_key", "model");
    private static final int MAX_GROUPS = 1_000_000;

    private final AdminContext admin;

    public SpendReports(AdminContext admin) {
        this.admin = admin;
    }

    public void report(RoutingContext ctx) {
        Long from = SpendDates.start(ctx.request().getParam("start_date"), "start_date");
        Long until = SpendDates.end(ctx.request().getParam("end_date"), "end_date");
        if (from == null || until == null) {
            throw GatewayException.badField("start_date", "Please provide start_date and end_date");
        }
        String groupBy = ctx.request().getParam("group_by", "team");
        if (!GROUPS.contains(groupBy)) {
            throw GatewayException.badField("group_by", "group_by must be one of " + new java.util.TreeSet<>(GROUPS));
        }
        SpendLogFilter filter = new SpendLogFilter(null, null, null, from, until);
        admin.calls().answer(ctx, admin.calls().blocking(() -> switch (groupBy) {
            case "team" -> daily(filter, "team_id", "teams", "team_name", this::teamName);
            case "customer" -> daily(filter, "end_user", "customers", "customer", Function.identity());
            case "api_key" -> totals(filter, "api_key", "model", "model_details");
            default -> totals(filter, "model", "api_key", "api_key_details");
        }));
    }

    /** Per day, per value of {@code column}: its spend, and what it was spent on (model and key). */
    private JsonArray daily(
            SpendLogFilter filter, String column, String listName, String nameField, Function<String, String> name) {
        List<SpendLogGroup> groups =
                admin.stores().spendLogs().grouped(filter, List.of(column, "model", "api_key"), true, MAX_GROUPS);
        JsonArray days = new JsonArray();
        groups.stream().map(SpendLogGroup::day).distinct().sorted().forEach(day -> {
            Map<String, List<SpendLogGroup>> byValue = groups.stream()
                    .filter(group -> group.day().equals(day))
                    .collect(Collectors.groupingBy(
                            group -> String.valueOf(group.value(column)), LinkedHashMap::new, Collectors.toList()));
            JsonArray entries = new JsonArray();
            byValue.forEach((value, spent) -> {
                JsonArray metadata = new JsonArray();
                spent.forEach(group -> metadata.add(new JsonObject()
                        .put("model", group.value("model"))
                        .put("api_key", group.value("api_key"))
                        .put("spend", group.spend())
                        .put("total_tokens", group.totalTokens())));
                entries.add(new JsonObject()
                        .put(nameField, name.apply(spent.get(0).value(column)))
                        .put(
                                "total_spend",
                                spent.stream().mapToDouble(SpendLogGroup::spend).sum())
                        .put("metadata", metadata));
            });
            days.add(new JsonObject().put("group_by_day", SpendDates.day(day)).put(listName, entries));
        });
        return days;
    }

    /** Per value of {@code column}, highest cost first: its totals, and the same per value of {@code detail}. */
    private JsonArray totals(SpendLogFilter filter, String column, String detail, String detailsName) {
        List<SpendLogGroup> groups =
                admin.stores().spendLogs().grouped(filter, List.of(column, detail), false, MAX_GROUPS);
        Map<String, List<SpendLogGroup>> byValue = groups.stream()
                .collect(Collectors.groupingBy(
                        group -> String.valueOf(group.value(column)), LinkedHashMap::new, Collectors.toList()));
        JsonArray answer = new JsonArray();
        byValue.values().stream()
                .sorted((a, b) -> Double.compare(cost(b), cost(a)))
                .forEach(spent -> {
                    JsonArray details = new JsonArray();
                    spent.forEach(group -> details.add(totalsOf(group).put(detail, group.value(detail))));
                    answer.add(new JsonObject()
                            .put(column, spent.get(0).value(column))
                            .put("total_cost", cost(spent))
                            .put(
                                    "total_input_tokens",
                                    spent.stream()
                                            .mapToLong(SpendLogGroup::promptTokens)
                                            .sum())
                            .put(
                                    "total_output_tokens",
                                    spent.stream()
                                            .mapToLong(SpendLogGroup::completionTokens)
                                            .sum())
                            .put(detailsName, details));
                });
        return answer;
    }

    private static double cost(List<SpendLogGroup> groups) {
        return groups.stream().mapToDouble(SpendLogGroup::spend).sum();
    }

    private static JsonObject totalsOf(SpendLogGroup group) {
        return new JsonObject()
                .put("total_cost", group.spend())
                .put("total_input_tokens", group.promptTokens())
                .put("total_output_tokens", group.completionTokens());
    }

    /** LiteLLM's team name: the team's alias, else {@code Unassigned Team}. Blocking. */
    private String teamName(String teamId) {
        if (teamId == null) {
            return "Unassigned Team";
        }
        return admin.keys()
                .findTeam(teamId)
                .map(Team::teamAlias)
                .filter(alias -> alias != null)
                .orElse(teamId);
    }
}
