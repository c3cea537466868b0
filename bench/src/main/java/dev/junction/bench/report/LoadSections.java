package dev.junction.bench.report;

import static dev.junction.bench.report.Markdown.count;
import static dev.junction.bench.report.Markdown.ms;
import static dev.junction.bench.report.Markdown.ratio;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/** The tables of the load scenarios (1, 2, 4 and 5); streams are in {@link StreamSections}. */
final class LoadSections {
    static final List<String> PEAK_TARGETS =
            List.of("upstream", "nginx-proxy", "vertx-proxy", "portkey", "junction", "junction-auth");
    static final List<String> FIXED_TARGETS =
            List.of("upstream", "nginx-proxy", "vertx-proxy", "junction", "junction-auth");

    private final Results results;

    LoadSections(Results results) {
        this.results = results;
    }

    String peak() {
        OptionalDouble proxy = results.median("peak", "nginx-proxy", "rps");
        OptionalDouble portkey = results.median("peak", "portkey", "rps");
        Markdown table = new Markdown(
                "target",
                "median req/s",
                "each round",
                "wrk p50 ms",
                "wrk p99 ms",
                "errors",
                "CPU us/request",
                "vs nginx proxy",
                "vs Portkey");
        for (String target : PEAK_TARGETS) {
            OptionalDouble rps = results.median("peak", target, "rps");
            table.row(
                    Targets.describe(target),
                    count(rps),
                    rounds("peak", target, "rps"),
                    ms(results.median("peak", target, "lat_p50_ms"), false),
                    ms(results.median("peak", target, "lat_p99_ms"), false),
                    errors("peak", target),
                    Markdown.decimal(results.median("peak", target, "cpu_us_per_request")),
                    ratio(rps, proxy),
                    ratio(rps, portkey));
        }
        return "## 1. Peak throughput, non-streaming chat\n\n"
                + "Closed loop: wrk keeps every connection busy; the rate is whatever the target sustains. wrk's own"
                + " latencies are shown for context only (a closed loop understates them; see scenario 2). \"CPU"
                + " us/request\" is the CPU time the target's own process used in the measured run (all threads;"
                + " nginx's workers included), over the requests answered: what one hop costs, which the rate"
                + " alone hides when the load generator and the upstream share the cores. The bare Vert.x proxy"
                + " is Junction's stack with none of its work (Vert.x's HTTP server and client relaying bytes:"
                + " no JSON, routing, limits or event bus), the floor of this design.\n\n"
                + table.render();
    }

    String fixedRate() {
        JsonObject any = first("fixed-rate", "junction");
        String rate = any == null ? "n/a" : count(any.getDouble("rate"));
        StringBuilder out = new StringBuilder("## 2. Fixed rate at half of Junction's peak: added latency\n\n")
                .append("Open loop at ")
                .append(rate)
                .append(" req/s. Latency runs from the moment each request was due on the schedule, so a stall"
                        + " counts in full (coordinated omission corrected). \"Added\" is the target's percentile"
                        + " minus the direct upstream's in the same round, median over rounds. \"Generator lag\" is"
                        + " how late the load generator itself sent (p99): it is part of every latency here, the"
                        + " upstream's included, and when it is large the machine, not the target, held things"
                        + " up.\n\n");
        out.append(latencyTable("fixed-rate", FIXED_TARGETS, "lat"));
        JsonObject portkey = first("fixed-rate-portkey", "portkey");
        if (portkey != null) {
            out.append("Portkey ran at half of its own peak, ")
                    .append(count(portkey.getDouble("rate")))
                    .append(" req/s, against the direct upstream at the same rate:\n\n")
                    .append(latencyTable("fixed-rate-portkey", List.of("upstream", "portkey"), "lat"));
        }
        return out.toString();
    }

    /** Percentiles of one open-loop scenario; {@code prefix} is {@code lat} or {@code ttft}. */
    String latencyTable(String scenario, List<String> targets, String prefix) {
        Markdown table = new Markdown(
                "target",
                "achieved req/s",
                "samples",
                "p50 ms",
                "p99 ms",
                "p99.9 ms",
                "max ms",
                "added p50 ms",
                "added p99 ms",
                "added p99.9 ms",
                "generator lag p99 ms",
                "errors");
        for (String target : targets) {
            boolean base = "upstream".equals(target);
            table.row(
                    Targets.describe(target),
                    count(results.median(scenario, target, "achieved_rps")),
                    count(results.median(scenario, target, prefix + "_count")),
                    ms(results.median(scenario, target, prefix + "_p50_ms"), false),
                    ms(results.median(scenario, target, prefix + "_p99_ms"), false),
                    ms(results.median(scenario, target, prefix + "_p999_ms"), false),
                    ms(results.median(scenario, target, prefix + "_max_ms"), false),
                    base ? "-" : ms(results.medianAdded(scenario, target, "upstream", prefix + "_p50_ms"), true),
                    base ? "-" : ms(results.medianAdded(scenario, target, "upstream", prefix + "_p99_ms"), true),
                    base ? "-" : ms(results.medianAdded(scenario, target, "upstream", prefix + "_p999_ms"), true),
                    ms(results.median(scenario, target, "sender_lag_p99_ms"), false),
                    errors(scenario, target));
        }
        return table.render();
    }

    String cluster() {
        OptionalDouble one = results.median("cluster", "junction-1node", "rps");
        Markdown table = new Markdown("setup", "median req/s", "each round", "errors", "vs 1 node");
        for (String target : List.of("junction-1node", "junction-3nodes")) {
            OptionalDouble rps = results.median("cluster", target, "rps");
            table.row(
                    Targets.describe(target),
                    count(rps),
                    rounds("cluster", target, "rps"),
                    errors("cluster", target),
                    ratio(rps, one));
        }
        return "## 4. Three-node cluster vs one node\n\n"
                + "Three wrk processes at once, a third of the connections each: all three at one node, or one per"
                + " node of a 3-member cluster on this same machine. Every process shares the same 2 cores, so this"
                + " shows the cost of clustering (routing state in remote partitions), not scale-out.\n\n"
                + table.render();
    }

    String authAndLimits() {
        Markdown table = new Markdown(
                "Junction config",
                "peak median req/s",
                "fixed-rate p50 ms",
                "fixed-rate p99 ms",
                "fixed-rate p99.9 ms",
                "errors");
        for (String target : List.of("junction", "junction-auth")) {
            table.row(
                    Targets.describe(target),
                    count(results.median("peak", target, "rps")),
                    ms(results.median("fixed-rate", target, "lat_p50_ms"), false),
                    ms(results.median("fixed-rate", target, "lat_p99_ms"), false),
                    ms(results.median("fixed-rate", target, "lat_p999_ms"), false),
                    errors("peak", target) + " / " + errors("fixed-rate", target));
        }
        return "## 5. Master key and rpm/tpm limits vs none\n\n"
                + "Same runs as scenarios 1 and 2. With `general_settings.master_key` every request is"
                + " authenticated, and with `rpm`/`tpm` on the deployment every request's tokens are counted and"
                + " checked against the cluster-wide minute window. Peak ratio (with / without): "
                + ratio(results.median("peak", "junction-auth", "rps"), results.median("peak", "junction", "rps"))
                + ".\n\n"
                + table.render();
    }

    String rounds(String scenario, String target, String field) {
        return results.of(scenario, target).stream()
                .map(row -> count(row.getDouble(field, 0.0)))
                .collect(Collectors.joining(", "));
    }

    String errors(String scenario, String target) {
        return Long.toString(
                results.of(scenario, target).stream().mapToLong(Results::errors).sum());
    }

    private JsonObject first(String scenario, String target) {
        List<JsonObject> rows = results.of(scenario, target);
        return rows.isEmpty() ? null : rows.get(0);
    }
}
