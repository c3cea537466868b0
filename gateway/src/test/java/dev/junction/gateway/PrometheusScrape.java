package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.PrometheusProtobufWriter;
import io.prometheus.metrics.expositionformats.generated.Metrics;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A node's {@code /metrics} as a Prometheus server reads it: by default the text format, parsed with a
 * maintained parser of that format ({@link PrometheusText}); or Prometheus's protobuf format (the {@code Accept}
 * header a Prometheus server sends first), decoded with the Prometheus client's own generated {@code
 * io.prometheus.client.MetricFamily} classes. Either way what a test reads went through a real parser of a real
 * exposition format, not a regular expression, and its families are laid out as the text format names them
 * ({@code _total}, {@code _bucket} with {@code le}, {@code _count}, {@code _sum}), which is how dashboards and
 * the tests refer to them.
 */
final class PrometheusScrape {
    /** One sample of a family. */
    record Sample(String name, Map<String, String> labels, double value) {}

    /** One metric family: its name without the type's suffixes, its type ({@code counter}, ...) and samples. */
    record Family(String name, String type, List<Sample> samples) {}

    private final List<Family> families;

    private PrometheusScrape(List<Family> families) {
        this.families = families;
    }

    /** Scrapes {@code node} in the default text format and parses it; anything else than a valid scrape fails. */
    static PrometheusScrape scrape(GatewayHarness node) throws IOException, InterruptedException {
        HttpResponse<String> response = node.get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        return new PrometheusScrape(PrometheusText.parse(response.body()));
    }

    /** Scrapes {@code node} in the protobuf format and decodes it; anything else than a valid scrape fails. */
    static PrometheusScrape scrapeProtobuf(GatewayHarness node) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = node.getBytes("/metrics", "accept", PrometheusProtobufWriter.CONTENT_TYPE);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue(PrometheusProtobufWriter.CONTENT_TYPE);
        return decode(response.body());
    }

    /** Decodes a scrape in the delimited protobuf format (one length-prefixed MetricFamily after another). */
    static PrometheusScrape decode(byte[] scrape) throws IOException {
        List<Family> families = new ArrayList<>();
        InputStream in = new ByteArrayInputStream(scrape);
        Metrics.MetricFamily family;
        while ((family = Metrics.MetricFamily.parseDelimitedFrom(in)) != null) {
            families.add(family(family));
        }
        assertThat(families).as("metric families in the scrape").isNotEmpty();
        return new PrometheusScrape(families);
    }

    private static Family family(Metrics.MetricFamily decoded) {
        String type = decoded.getType().name().toLowerCase(Locale.ROOT);
        String name = decoded.getName();
        if (decoded.getType() == Metrics.MetricType.COUNTER && name.endsWith("_total")) {
            name = name.substring(0, name.length() - "_total".length());
        }
        List<Sample> samples = new ArrayList<>();
        for (Metrics.Metric metric : decoded.getMetricList()) {
            Map<String, String> labels = new HashMap<>();
            metric.getLabelList().forEach(label -> labels.put(label.getName(), label.getValue()));
            switch (decoded.getType()) {
                case COUNTER -> samples.add(
                        new Sample(name + "_total", labels, metric.getCounter().getValue()));
                case GAUGE -> samples.add(
                        new Sample(name, labels, metric.getGauge().getValue()));
                case UNTYPED -> samples.add(
                        new Sample(name, labels, metric.getUntyped().getValue()));
                case HISTOGRAM -> histogram(name, labels, metric.getHistogram(), samples);
                case SUMMARY -> summary(name, labels, metric.getSummary(), samples);
                default -> throw new AssertionError("unexpected metric type " + type + " of " + name);
            }
        }
        return new Family(name, type, samples);
    }

    private static void histogram(
            String name, Map<String, String> labels, Metrics.Histogram histogram, List<Sample> out) {
        for (Metrics.Bucket bucket : histogram.getBucketList()) {
            out.add(new Sample(
                    name + "_bucket", with(labels, "le", number(bucket.getUpperBound())), bucket.getCumulativeCount()));
        }
        out.add(new Sample(name + "_count", labels, histogram.getSampleCount()));
        out.add(new Sample(name + "_sum", labels, histogram.getSampleSum()));
    }

    private static void summary(String name, Map<String, String> labels, Metrics.Summary summary, List<Sample> out) {
        for (Metrics.Quantile quantile : summary.getQuantileList()) {
            out.add(new Sample(name, with(labels, "quantile", number(quantile.getQuantile())), quantile.getValue()));
        }
        out.add(new Sample(name + "_count", labels, summary.getSampleCount()));
        out.add(new Sample(name + "_sum", labels, summary.getSampleSum()));
    }

    private static Map<String, String> with(Map<String, String> labels, String name, String value) {
        Map<String, String> more = new HashMap<>(labels);
        more.put(name, value);
        return more;
    }

    /** A bound as the text format writes it: {@code +Inf}, {@code 300.0}, {@code 0.00625}. */
    static String number(double value) {
        return value == Double.POSITIVE_INFINITY ? "+Inf" : Double.toString(value);
    }

    List<Family> families() {
        return families;
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
        return samples(sample, labels).stream().mapToDouble(Sample::value).sum();
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
