package dev.junction.gateway.observe.alerts;

import dev.junction.config.Deployment;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The two reports as LiteLLM's Slack alerting lays them out: the daily report (the five deployments with the
 * most failed requests, the five slowest by average answer time) and the spend report (spend per team and per
 * key over the period, highest first).
 */
final class ReportTexts {
    private static final int TOP = 5;

    private ReportTexts() {}

    /** The daily report of the tallies taken, or null when no deployment was called in the period. */
    static Alert daily(Map<String, double[]> tallies, Map<String, Deployment> byId, Instant period, Duration every) {
        if (tallies.isEmpty()) {
            return null;
        }
        List<Map.Entry<String, double[]>> failing = tallies.entrySet().stream()
                .filter(entry -> entry.getValue()[ReportTallies.FAILURES] > 0)
                .sorted(Comparator.comparingDouble(entry -> -entry.getValue()[ReportTallies.FAILURES]))
                .limit(TOP)
                .toList();
        List<Map.Entry<String, double[]>> slowest = tallies.entrySet().stream()
                .filter(entry -> succeeded(entry.getValue()) > 0)
                .sorted(Comparator.comparingDouble(entry -> -average(entry.getValue())))
                .limit(TOP)
                .toList();
        StringBuilder text = new StringBuilder("*Top 5 deployments with the most failed requests:*\n");
        for (int i = 0; i < failing.size(); i++) {
            double[] tally = failing.get(i).getValue();
            text.append(String.format(
                    Locale.ROOT,
                    "%d. %s: `%d` failed of `%d`%n",
                    i + 1,
                    name(byId, failing.get(i).getKey()),
                    (long) tally[ReportTallies.FAILURES],
                    (long) tally[ReportTallies.ATTEMPTS]));
        }
        text.append("\n*Top 5 slowest deployments:*\n");
        for (int i = 0; i < slowest.size(); i++) {
            text.append(String.format(
                    Locale.ROOT,
                    "%d. %s: `%.3f s` on average%n",
                    i + 1,
                    name(byId, slowest.get(i).getKey()),
                    average(slowest.get(i).getValue())));
        }
        JsonArray deployments = new JsonArray();
        tallies.forEach((id, tally) -> deployments.add(deployment(byId.get(id), id, tally)));
        JsonObject fields = new JsonObject()
                .put("event_group", "proxy")
                .put("period", period.toString())
                .put("deployments", deployments);
        return new Alert("daily_reports", Alert.LOW, "Daily Report", text.toString(), period.toString(), every, fields);
    }

    /** The spend report of the tallies taken, or null when nothing was spent in the period. */
    static Alert spend(Map<String, double[]> tallies, Instant period, Duration every) {
        if (tallies.isEmpty()) {
            return null;
        }
        JsonObject teams = new JsonObject();
        JsonObject keys = new JsonObject();
        StringBuilder text = new StringBuilder();
        for (String kind : List.of("team", "key")) {
            text.append("*Spend per ").append(kind).append(":*\n");
            tallies.entrySet().stream()
                    .filter(entry -> entry.getKey().startsWith(kind + ":"))
                    .sorted(Comparator.comparingDouble(entry -> -entry.getValue()[ReportTallies.SPEND]))
                    .forEach(entry -> {
                        String name = entry.getKey().substring(kind.length() + 1);
                        double usd = entry.getValue()[ReportTallies.SPEND];
                        (kind.equals("team") ? teams : keys).put(name, usd);
                        text.append(String.format(Locale.ROOT, "`%s`: `$%.6f`%n", name, usd));
                    });
            text.append('\n');
        }
        double total = teams.stream()
                .mapToDouble(entry -> ((Number) entry.getValue()).doubleValue())
                .sum();
        JsonObject fields = new JsonObject()
                .put("event_group", "proxy")
                .put("period", period.toString())
                .put("total_spend", total)
                .put("teams", teams)
                .put("keys", keys);
        return new Alert(
                "spend_reports",
                Alert.LOW,
                "Spend Report",
                String.format(Locale.ROOT, "Total spend: `$%.6f`%n%n", total) + text,
                period.toString(),
                every,
                fields);
    }

    private static double succeeded(double[] tally) {
        return tally[ReportTallies.ATTEMPTS] - tally[ReportTallies.FAILURES];
    }

    private static double average(double[] tally) {
        return tally[ReportTallies.SECONDS] / succeeded(tally);
    }

    private static String name(Map<String, Deployment> byId, String id) {
        Deployment deployment = byId.get(id);
        return deployment == null
                ? "`" + id + "`"
                : "`" + deployment.modelName() + "` (`" + deployment.litellmModel() + "`, deployment `" + id + "`)";
    }

    private static JsonObject deployment(Deployment deployment, String id, double[] tally) {
        JsonObject entry = deployment == null ? new JsonObject().put("model_id", id) : CallAlerts.fields(deployment);
        entry.remove("event_group");
        return entry.put("requests", (long) tally[ReportTallies.ATTEMPTS])
                .put("failures", (long) tally[ReportTallies.FAILURES])
                .put("average_latency_seconds", succeeded(tally) > 0 ? average(tally) : null);
    }
}
