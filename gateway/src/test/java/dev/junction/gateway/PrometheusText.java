package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.PrometheusScrape.Family;
import dev.junction.gateway.PrometheusScrape.Sample;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.skywalking.oap.server.library.util.prometheus.metrics.Counter;
import org.apache.skywalking.oap.server.library.util.prometheus.metrics.Gauge;
import org.apache.skywalking.oap.server.library.util.prometheus.metrics.Histogram;
import org.apache.skywalking.oap.server.library.util.prometheus.metrics.Metric;
import org.apache.skywalking.oap.server.library.util.prometheus.metrics.MetricFamily;
import org.apache.skywalking.oap.server.library.util.prometheus.metrics.Summary;
import org.apache.skywalking.oap.server.library.util.prometheus.parser.TextParser;

/**
 * Reads a scrape in Prometheus's text format (version 0.0.4) with Apache SkyWalking's parser of that format,
 * the one its OAP server scrapes exporters with. That parser skips a line it cannot read; so that a malformed
 * scrape still fails a test, every sample line of the body must come out as a sample.
 */
final class PrometheusText {
    private PrometheusText() {}

    static List<Family> parse(String scrape) throws IOException {
        TextParser parser = new TextParser(new ByteArrayInputStream(scrape.getBytes(StandardCharsets.UTF_8)));
        List<Family> families = new ArrayList<>();
        MetricFamily family;
        while ((family = parser.parse(System.currentTimeMillis())) != null) {
            families.add(family(family));
        }
        long sampleLines = scrape.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .count();
        long parsed = families.stream().mapToLong(each -> each.samples().size()).sum();
        assertThat(parsed)
                .as("samples the text parser read of the scrape's sample lines")
                .isEqualTo(sampleLines);
        assertThat(families).as("metric families in the scrape").isNotEmpty();
        return families;
    }

    private static Family family(MetricFamily parsed) {
        String type = parsed.getType().name().toLowerCase(Locale.ROOT);
        String name = type.equals("counter") && parsed.getName().endsWith("_total")
                ? parsed.getName().substring(0, parsed.getName().length() - "_total".length())
                : parsed.getName();
        List<Sample> samples = new ArrayList<>();
        for (Metric metric : parsed.getMetrics()) {
            Map<String, String> labels = metric.getLabels();
            if (metric instanceof Counter counter) {
                samples.add(new Sample(name + "_total", labels, counter.getValue()));
            } else if (metric instanceof Gauge gauge) {
                samples.add(new Sample(name, labels, gauge.getValue()));
            } else if (metric instanceof Histogram histogram) {
                histogram
                        .getBuckets()
                        .forEach((bound, count) ->
                                samples.add(new Sample(name + "_bucket", with(labels, "le", bound), count)));
                samples.add(new Sample(name + "_count", labels, histogram.getSampleCount()));
                samples.add(new Sample(name + "_sum", labels, histogram.getSampleSum()));
            } else if (metric instanceof Summary summary) {
                summary.getQuantiles()
                        .forEach((quantile, value) ->
                                samples.add(new Sample(name, with(labels, "quantile", quantile), value)));
                samples.add(new Sample(name + "_count", labels, summary.getSampleCount()));
                samples.add(new Sample(name + "_sum", labels, summary.getSampleSum()));
            } else {
                throw new AssertionError("unexpected metric " + metric + " in " + name);
            }
        }
        return new Family(name, type, samples);
    }

    private static Map<String, String> with(Map<String, String> labels, String name, double bound) {
        Map<String, String> more = new HashMap<>(labels);
        more.put(name, PrometheusScrape.number(bound));
        return more;
    }
}
