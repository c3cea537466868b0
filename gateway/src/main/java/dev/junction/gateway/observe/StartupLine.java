package dev.junction.gateway.observe;

import dev.junction.config.ObservabilitySettings;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The start-up line that says what a node reports, and where. */
final class StartupLine {
    private static final Logger LOG = LoggerFactory.getLogger(Observability.class);

    private StartupLine() {}

    static void log(ObservabilitySettings settings, boolean prometheus, List<String> alertChannels) {
        List<String> parts = new ArrayList<>();
        if (prometheus) {
            parts.add("Prometheus metrics at /metrics");
        }
        if (settings.has(ObservabilitySettings.OTEL)) {
            parts.add("OpenTelemetry traces");
        }
        for (String sink : List.of(ObservabilitySettings.GENERIC_API, ObservabilitySettings.LANGFUSE)) {
            if (settings.has(sink)) {
                parts.add(sink + " logging");
            }
        }
        if (!alertChannels.isEmpty()) {
            parts.add("alerts to " + alertChannels);
        }
        if (settings.health().background()) {
            parts.add("background health checks every "
                    + settings.health().interval().toSeconds() + " s");
        }
        if (!parts.isEmpty()) {
            LOG.info("Observability: {}", String.join(", ", parts));
        }
    }
}
