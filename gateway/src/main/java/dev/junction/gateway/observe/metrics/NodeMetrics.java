package dev.junction.gateway.observe.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A node's Prometheus registry. Every meter carries a {@code node} label (the node's cluster id), so that
 * the series of several nodes scraped into one Prometheus stay apart. Vert.x's own metrics (HTTP client
 * pools, worker pools) are recorded into it too.
 */
public final class NodeMetrics {
    /** The label of every series: which node it comes from. */
    public static final String NODE = "node";

    private final PrometheusMeterRegistry registry;
    private final AtomicReference<String> nodeId = new AtomicReference<>("starting");
    private final ExpositionFormats formats = ExpositionFormats.init();

    public NodeMetrics() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // The node's id is known once it joined the cluster; Vert.x registers its first meters only after that
        // (its HTTP clients and servers start with the verticles), so the id is read when a meter registers.
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getTag(NODE) == null ? id.withTag(Tag.of(NODE, nodeId.get())) : id;
            }
        });
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Names the node in every series registered from now on. */
    public void nodeIs(String id) {
        nodeId.set(id);
    }

    /**
     * Vert.x with its metrics recorded here: HTTP client connection pools and worker pools. The HTTP server's
     * per-request metrics are left out: {@code litellm_*} already counts every request, and they would cost
     * each request a second time.
     */
    public VertxBuilder instrument(VertxBuilder builder, VertxOptions options) {
        MicrometerMetricsOptions metrics = new MicrometerMetricsOptions();
        metrics.setEnabled(true);
        metrics.setJvmMetricsEnabled(false)
                .addDisabledMetricsCategory(MetricsDomain.HTTP_SERVER)
                .addDisabledMetricsCategory(MetricsDomain.NET_SERVER)
                .addDisabledMetricsCategory(MetricsDomain.NET_CLIENT)
                .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS)
                .addDisabledMetricsCategory(MetricsDomain.DATAGRAM_SOCKET)
                .addDisabledMetricsCategory(MetricsDomain.VERTICLES);
        options.setMetricsOptions(metrics);
        return builder.with(options).withMetrics(new MicrometerMetricsFactory(registry));
    }

    /**
     * The registry in the format a scraper's {@code Accept} header asks for, chosen by the Prometheus client's
     * own negotiation: its protobuf format, OpenMetrics text, or Prometheus text (the default, also for no or an
     * unknown header). Blocking work (it walks every series): call it off the event loop.
     */
    public Scrape scrape(String accept) {
        ExpositionFormatWriter writer = formats.findWriter(accept == null ? "" : accept);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            registry.scrape(out, writer.getContentType());
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible); // a byte array does not fail
        }
        return new Scrape(writer.getContentType(), Buffer.buffer(out.toByteArray()));
    }

    /** A written scrape and its content type. */
    public record Scrape(String contentType, Buffer body) {}

    public void close() {
        registry.close();
    }
}
