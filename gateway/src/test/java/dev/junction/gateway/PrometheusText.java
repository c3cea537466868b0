package dev.junction.gateway;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A scrape as Prometheus's official Python client parses it ({@code prometheus_client.parser}, the parser of
 * the library LiteLLM itself exports with; Debian's {@code python3-prometheus-client}). A text the parser
 * refuses fails the test.
 */
final class PrometheusText {
    private static final String PARSER = String.join(
            "\n",
            "import json, sys",
            "from prometheus_client.parser import text_string_to_metric_families",
            "out = []",
            "for family in text_string_to_metric_families(sys.stdin.read()):",
            "    out.append({'name': family.name, 'type': family.type, 'samples': [",
            "        {'name': s.name, 'labels': s.labels, 'value': s.value} for s in family.samples]})",
            "print(json.dumps(out))");

    /** One sample of a family. */
    record Sample(String name, Map<String, String> labels, double value) {}

    /** One metric family: its name without the type's suffixes, its type and its samples. */
    record Family(String name, String type, List<Sample> samples) {}

    private final List<Family> families;

    private PrometheusText(List<Family> families) {
        this.families = families;
    }

    static PrometheusText parse(String scrape) throws IOException, InterruptedException {
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        Process process = new ProcessBuilder(python, "-c", PARSER).start();
        try (var in = process.getOutputStream()) {
            in.write(scrape.getBytes(StandardCharsets.UTF_8));
        }
        byte[] out = process.getInputStream().readAllBytes();
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(
                    "the Prometheus parser refused the scrape (needs python3-prometheus-client): " + errors);
        }
        List<Family> families = new ArrayList<>();
        for (Object each : new JsonArray(new String(out, StandardCharsets.UTF_8))) {
            JsonObject family = (JsonObject) each;
            List<Sample> samples = new ArrayList<>();
            for (Object sample : family.getJsonArray("samples")) {
                JsonObject s = (JsonObject) sample;
                Map<String, String> labels = new java.util.HashMap<>();
                s.getJsonObject("labels").forEach(label -> labels.put(label.getKey(), (String) label.getValue()));
                samples.add(new Sample(s.getString("name"), labels, s.getDouble("value")));
            }
            families.add(new Family(family.getString("name"), family.getString("type"), samples));
        }
        return new PrometheusText(families);
    }

    Family family(String name) {
        return families.stream()
                .filter(family -> family.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no metric family " + name + " in the scrape"));
    }

    boolean has(String name) {
        return families.stream().anyMatch(family -> family.name().equals(name));
    }

    /** The sum of the samples named {@code sample} whose labels include {@code labels} (name, value, ...). */
    double sum(String sample, String... labels) {
        double total = 0;
        for (Family family : families) {
            for (Sample each : family.samples()) {
                if (each.name().equals(sample) && matches(each.labels(), labels)) {
                    total += each.value();
                }
            }
        }
        return total;
    }

    /** The samples named {@code sample} whose labels include {@code labels}. */
    List<Sample> samples(String sample, String... labels) {
        List<Sample> found = new ArrayList<>();
        for (Family family : families) {
            for (Sample each : family.samples()) {
                if (each.name().equals(sample) && matches(each.labels(), labels)) {
                    found.add(each);
                }
            }
        }
        return found;
    }

    private static boolean matches(Map<String, String> actual, String... expected) {
        for (int i = 0; i + 1 < expected.length; i += 2) {
            if (!expected[i + 1].equals(actual.get(expected[i]))) {
                return false;
            }
        }
        return true;
    }
}
