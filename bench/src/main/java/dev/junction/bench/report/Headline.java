package dev.junction.bench.report;

import static dev.junction.bench.report.Markdown.count;
import static dev.junction.bench.report.Markdown.ms;
import static dev.junction.bench.report.Markdown.ratio;

import io.vertx.core.json.JsonObject;
import java.util.OptionalDouble;

/** The figures the performance issue set targets for, each with the target and whether this run met it. */
final class Headline {
    private Headline() {}

    static String render(Results results) {
        // The targets are set for the realistic case: master key auth and rpm/tpm accounting on.
        OptionalDouble junction = results.median("peak", "junction-auth", "rps");
        OptionalDouble proxy = results.median("peak", "nginx-proxy", "rps");
        OptionalDouble vertx = results.median("peak", "vertx-proxy", "rps");
        OptionalDouble portkey = results.median("peak", "portkey", "rps");
        OptionalDouble addedP99 = results.medianAdded("fixed-rate", "junction-auth", "upstream", "lat_p99_ms");
        Markdown table = new Markdown("figure", "this run", "target", "met");
        table.row("Junction (master key + rpm/tpm) peak, req/s", count(junction), "", "");
        table.row(
                "Junction without auth and limits, peak, req/s",
                count(results.median("peak", "junction", "rps")),
                "",
                "");
        table.row("nginx keep-alive proxy peak, req/s", count(proxy), "", "");
        table.row("bare Vert.x proxy peak, req/s", count(vertx), "", "");
        table.row("Portkey peak, req/s", count(portkey), "", "");
        table.row("Junction / nginx proxy", ratio(junction, proxy), "≥ 0.6x", met(ratioOf(junction, proxy), 0.6));
        table.row("bare Vert.x proxy / nginx proxy", ratio(vertx, proxy), "", "");
        table.row("Junction / Portkey", ratio(junction, portkey), "≥ 30x", met(ratioOf(junction, portkey), 30));
        table.row(
                "CPU per request, Junction / bare Vert.x proxy / nginx proxy, us",
                Markdown.decimal(results.median("peak", "junction-auth", "cpu_us_per_request")) + " / "
                        + Markdown.decimal(results.median("peak", "vertx-proxy", "cpu_us_per_request")) + " / "
                        + Markdown.decimal(results.median("peak", "nginx-proxy", "cpu_us_per_request")),
                "",
                "");
        table.row(
                "added latency at half of Junction's peak, p50 ms",
                ms(results.medianAdded("fixed-rate", "junction-auth", "upstream", "lat_p50_ms"), true),
                "",
                "");
        table.row(
                "added latency at half of Junction's peak, p99 ms",
                ms(addedP99, true),
                "< 1 ms",
                addedP99.isEmpty() ? "n/a" : addedP99.getAsDouble() < 1 ? "yes" : "**no**");
        table.row(
                "added latency at half of Junction's peak, p99.9 ms",
                ms(results.medianAdded("fixed-rate", "junction-auth", "upstream", "lat_p999_ms"), true),
                "",
                "");
        table.row(
                "added time to first token, p50 / p99 ms",
                ms(results.medianAdded("stream", "junction", "upstream", "ttft_p50_ms"), true) + " / "
                        + ms(results.medianAdded("stream", "junction", "upstream", "ttft_p99_ms"), true),
                "",
                "");
        streams(results, table);
        table.row(
                "3-node cluster / 1 node (same machine)",
                ratio(
                        results.median("cluster", "junction-3nodes", "rps"),
                        results.median("cluster", "junction-1node", "rps")),
                "",
                "");
        return "## Summary\n\n" + table.render();
    }

    private static void streams(Results results, Markdown table) {
        JsonObject row =
                results.of("slow-streams", "junction").stream().findFirst().orElse(null);
        if (row == null) {
            table.row("concurrent slow streams", "n/a", "10,000 in 1 GiB heap", "n/a");
            return;
        }
        long streams = row.getLong("streams", 0L);
        long completed = row.getLong("completed", 0L);
        double live = row.getDouble("held_after_gc_heap_used_mb", Double.NaN);
        boolean met = streams >= 10_000 && completed == streams && live <= 1024;
        table.row(
                count(streams) + " concurrent slow streams: completed, heap used / live, RSS, threads",
                count(completed) + ", " + Markdown.mb(row.getValue("held_heap_used_mb")) + " / "
                        + Markdown.mb(row.getValue("held_after_gc_heap_used_mb")) + ", "
                        + Markdown.mb(row.getValue("held_rss_mb")) + ", " + row.getValue("held_threads"),
                "10,000 in 1 GiB heap",
                streams < 10_000 ? "n/a (quick run)" : met ? "yes" : "**no**");
    }

    private static OptionalDouble ratioOf(OptionalDouble a, OptionalDouble b) {
        return a.isEmpty() || b.isEmpty() || b.getAsDouble() == 0
                ? OptionalDouble.empty()
                : OptionalDouble.of(a.getAsDouble() / b.getAsDouble());
    }

    private static String met(OptionalDouble value, double atLeast) {
        return value.isEmpty() ? "n/a" : value.getAsDouble() >= atLeast ? "yes" : "**no**";
    }
}
