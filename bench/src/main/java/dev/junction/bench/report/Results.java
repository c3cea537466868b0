package dev.junction.bench.report;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/** The result lines of one run, and the medians the report is made of. */
final class Results {
    private static final List<String> WRK_ERRORS =
            List.of("errors_connect", "errors_read", "errors_write", "errors_timeout", "non2xx");

    private final List<JsonObject> rows;

    Results(List<JsonObject> rows) {
        this.rows = List.copyOf(rows);
    }

    static Results load(Path file) throws IOException {
        List<JsonObject> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                rows.add(new JsonObject(line));
            }
        }
        return new Results(rows);
    }

    List<JsonObject> all() {
        return rows;
    }

    List<JsonObject> of(String scenario, String target) {
        return rows.stream()
                .filter(row -> scenario.equals(row.getString("scenario")) && target.equals(row.getString("target")))
                .toList();
    }

    OptionalDouble median(String scenario, String target, String field) {
        return median(of(scenario, target).stream()
                .filter(row -> row.getValue(field) instanceof Number)
                .map(row -> row.getDouble(field))
                .toList());
    }

    /**
     * The median over rounds of (target's field − baseline's field) in the same round: the "added" latency.
     * Pairing by round keeps machine drift between rounds out of the difference.
     */
    OptionalDouble medianAdded(String scenario, String target, String baseline, String field) {
        List<Double> added = new ArrayList<>();
        for (JsonObject row : of(scenario, target)) {
            for (JsonObject base : of(scenario, baseline)) {
                if (row.getValue("round").equals(base.getValue("round"))
                        && row.getValue(field) instanceof Number
                        && base.getValue(field) instanceof Number) {
                    added.add(row.getDouble(field) - base.getDouble(field));
                }
            }
        }
        return median(added);
    }

    static OptionalDouble median(List<Double> values) {
        if (values.isEmpty()) {
            return OptionalDouble.empty();
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return OptionalDouble.of(n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2);
    }

    /** Failed requests of one result line, whichever tool wrote it. */
    static long errors(JsonObject row) {
        if (row.getValue("errors") instanceof Number errors) {
            return errors.longValue();
        }
        return WRK_ERRORS.stream().mapToLong(field -> row.getLong(field, 0L)).sum();
    }
}
