package dev.junction.bench.report;

import static dev.junction.bench.report.Markdown.mb;

import io.vertx.core.json.JsonObject;
import java.util.List;

/** Scenario 3: time to first token, and many slow streams held at once. */
final class StreamSections {
    static final List<String> TTFT_TARGETS = List.of("upstream", "nginx-proxy", "portkey", "junction");
    static final List<String> SLOW_TARGETS = List.of("nginx-proxy", "junction");

    private final Results results;
    private final LoadSections load;

    StreamSections(Results results, LoadSections load) {
        this.results = results;
        this.load = load;
    }

    String firstToken() {
        List<JsonObject> rows = results.of("stream", "junction");
        String rate = rows.isEmpty() ? "n/a" : Markdown.count(rows.get(0).getDouble("rate"));
        return "## 3a. Streaming: time to first token\n\n"
                + "Open loop at " + rate + " streams/s (at most 200/s, and at most half of Portkey's non-streaming"
                + " peak)."
                + " The upstream sends its first chunk at once, then 9 more 5 ms apart and `[DONE]`. Time to first"
                + " token is the first body bytes, from the moment the request was due; a stream counts only if it"
                + " ended with `[DONE]`.\n\n"
                + load.latencyTable("stream", TTFT_TARGETS, "ttft");
    }

    String slowStreams() {
        Markdown table = new Markdown(
                "target",
                "streams",
                "first byte when sampled",
                "completed",
                "errors",
                "heap used",
                "heap live after GC",
                "heap committed",
                "RSS",
                "threads");
        for (String target : SLOW_TARGETS) {
            for (JsonObject row : results.of("slow-streams", target)) {
                table.row(
                        Targets.describe(target),
                        Markdown.count(row.getDouble("streams")),
                        Markdown.count(row.getDouble("first_byte_at_sample")),
                        Markdown.count(row.getDouble("completed")),
                        Long.toString(Results.errors(row)),
                        change(row, "heap_used_mb", "held"),
                        change(row, "heap_used_mb", "held_after_gc"),
                        change(row, "heap_committed_mb", "held"),
                        change(row, "rss_mb", "held"),
                        row.getValue("held_threads") == null
                                ? "n/a"
                                : row.getValue("idle_threads") + " → " + row.getValue("held_threads"));
            }
        }
        JsonObject any =
                results.of("slow-streams", "junction").stream().findFirst().orElse(new JsonObject());
        String queued = "";
        long opened = any.getLong("first_byte_at_sample", 0L);
        long streams = any.getLong("streams", 0L);
        if (opened < streams) {
            queued = " Only " + Markdown.count(opened) + " of " + Markdown.count(streams) + " Junction streams had"
                    + " received a first byte when the process was sampled: the others were waiting inside the"
                    + " gateway, and those still waiting when the client gave up count as timeouts.";
        }
        return "## 3b. Concurrent slow streams on one node\n\n"
                + clientSide(any) + " The upstream sends one chunk per interval, each stream on its own upstream"
                + " connection. Streams are"
                + " opened at " + Markdown.count(any.getDouble("ramp_per_s", 0.0)) + "/s; once all are streaming (or "
                + Markdown.count(any.getDouble("settle_s", 5.0))
                + " s after the last was sent) the Junction process is measured (`/proc/PID/status`, `jstat -gc`),"
                + " then again after `jcmd PID GC.run` (the live set, a few seconds later). Values read idle →"
                + " with the streams held."
                + " nginx is listed to show that the client and upstream hold them all; its process is not"
                + " measured." + queued + "\n\n"
                + table.render();
    }

    /** How the generator reached the targets: one connection per stream, or streams multiplexed over h2c. */
    private static String clientSide(JsonObject row) {
        if (!"h2c".equals(row.getString("protocol"))) {
            return "Each stream is its own client connection.";
        }
        return "The client multiplexes the streams over " + Markdown.count(row.getDouble("client_connections", 0.0))
                + " HTTP/2 connections (h2c, prior knowledge): with one HTTP/1.1 connection per stream the gateway"
                + " would hold two descriptors per stream (client and upstream), more than the per-process limit"
                + " listed under the conditions allows on the machines this runs on.";
    }

    private static String change(JsonObject row, String field, String held) {
        Object idle = row.getValue("idle_" + field);
        Object now = row.getValue(held + "_" + field);
        if (now == null) {
            return "n/a";
        }
        return (idle == null ? "" : mb(idle) + " → ") + mb(now);
    }
}
