package dev.junction.bench.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The JMH results (JSON written by {@code -rf json}) as one table. */
final class JmhSection {
    private JmhSection() {}

    static JsonArray load(Path file) throws IOException {
        return file == null || !Files.exists(file) ? null : new JsonArray(Files.readString(file));
    }

    static String render(JsonArray runs, String settings) {
        StringBuilder out = new StringBuilder("## 6. Microbenchmarks (JMH)\n\n");
        if (runs == null) {
            return out.append("Not run (`--skip-jmh`).\n\n").toString();
        }
        out.append("Settings: `")
                .append(settings)
                .append("`, average time per operation. Request parse: body bytes to a validated request, as the"
                        + " HTTP verticle does it. Routing pick: one strategy decision among 4 deployments with"
                        + " rpm/tpm. Admission: the awaited state calls of every attempt, `strict` (an entry"
                        + " processor on the partition owner) or `batched` (the default: a decision on the local"
                        + " view), on one member or on a member of three that does not own the deployment;"
                        + " `CommonPool` with the common fork-join pool widened to 2, as the gateway does at"
                        + " start-up. Sync push: one busy deployment's 10 ms of changes (60 calls) applied by the"
                        + " batched state's background push, on one member or from a member of three that does not"
                        + " own the deployment. Stream write: per upstream chunk, SSE parse + pass-through +"
                        + " framing (`KeepingText`: also the chunk's JSON parsed and its text kept, when the client"
                        + " asked for no usage and the gateway counts the completion itself).\n\n");
        Markdown table = new Markdown("benchmark", "params", "score", "± error (99.9%)", "unit");
        for (int i = 0; i < runs.size(); i++) {
            JsonObject run = runs.getJsonObject(i);
            JsonObject metric = run.getJsonObject("primaryMetric");
            String name = run.getString("benchmark")
                    .replaceFirst("^dev\\.junction\\.(bench\\.jmh\\.|gateway\\.http\\.|cluster\\.state\\.)", "");
            JsonObject params = run.getJsonObject("params", new JsonObject());
            table.row(
                    "`" + name + "`",
                    params.getMap().entrySet().stream().map(Map.Entry::toString).collect(Collectors.joining(", ")),
                    number(metric.getDouble("score")),
                    metric.getValue("scoreError") instanceof Number error && !Double.isNaN(error.doubleValue())
                            ? number(error.doubleValue())
                            : "n/a",
                    metric.getString("scoreUnit"));
        }
        return out.append(table.render()).toString();
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%,.0f" : "%.2f", value);
    }
}
