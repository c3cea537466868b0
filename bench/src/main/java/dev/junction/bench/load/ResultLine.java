package dev.junction.bench.load;

import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

/**
 * The one line a load tool prints for run.sh: {@code RESULT {json}}, where the JSON starts with the
 * {@code --label} fields run.sh passed (scenario, target, round) so the report can group it.
 */
final class ResultLine {
    private ResultLine() {}

    /** {@code label} is a JSON object's fields without braces, e.g. {@code "scenario":"x","round":1}. */
    static JsonObject start(String label) {
        return label == null || label.isBlank() ? new JsonObject() : new JsonObject("{" + label + "}");
    }

    /** Adds p50/p90/p99/p99.9/max/mean in milliseconds of a histogram recorded in microseconds. */
    static void percentiles(JsonObject out, String prefix, Histogram micros) {
        out.put(prefix + "_count", micros.getTotalCount());
        if (micros.getTotalCount() == 0) {
            return;
        }
        out.put(prefix + "_p50_ms", ms(micros.getValueAtPercentile(50)))
                .put(prefix + "_p90_ms", ms(micros.getValueAtPercentile(90)))
                .put(prefix + "_p99_ms", ms(micros.getValueAtPercentile(99)))
                .put(prefix + "_p999_ms", ms(micros.getValueAtPercentile(99.9)))
                .put(prefix + "_max_ms", ms(micros.getMaxValue()))
                .put(prefix + "_mean_ms", Math.round(micros.getMean()) / 1000.0);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    static void print(JsonObject out) {
        System.out.println("RESULT " + out.encode());
        System.out.flush();
    }
}
