package dev.junction.cluster.state;

import static dev.junction.cluster.node.MemberSerialization.assertEachCrossesWhole;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateSerializersTest {
    private static final long WINDOW = 29_000_000;

    private static DeploymentCounters counters() {
        DeploymentCounters counters = new DeploymentCounters();
        counters.window = WINDOW;
        counters.requests = 11;
        counters.tokens = 1_200;
        counters.successes = 9;
        counters.failures = 2;
        counters.inFlight = 3;
        counters.legacyFails = 1;
        counters.lastFailureMillis = 1_700_000_000_123L;
        counters.latencies = new double[] {0.25, 0.5};
        counters.latencyTimes = new long[] {1L, 2L};
        counters.firstTokenLatencies = new double[] {0.125};
        counters.firstTokenTimes = new long[] {3L};
        return counters;
    }

    private static UsageDelta delta() {
        UsageDelta delta = new UsageDelta();
        delta.window = WINDOW;
        delta.requests = 60;
        delta.tokens = -40;
        delta.successes = 58;
        delta.inFlight = -2;
        delta.failure(1_700_000_000_001L);
        delta.legacyWindowMillis = 60_000;
        delta.latency(0.75, 4L);
        delta.firstToken(0.0625, 5L);
        delta.maxSamples = 7;
        return delta;
    }

    @Test
    void every_state_type_crosses_the_cluster_whole_and_without_java_serialization() {
        UsageSnapshot snapshot = counters().snapshot();
        List<Object> values = List.of(
                counters(),
                delta(),
                snapshot,
                new Admission(true, snapshot),
                new ApplyDeltaProcessor(delta(), WINDOW + 1),
                new SnapshotProcessor(),
                new AdmitProcessor(WINDOW, 100, Long.MAX_VALUE, 120),
                new CompleteProcessor(
                        new CallOutcome(true, WINDOW, -15, true, true, 0.5, null, 64, 1_700_000_000_999L, 60_000),
                        WINDOW),
                new CompleteProcessor(new CallOutcome(false, 0, 0, false, false, null, 0.25, 1, 7L, 0), WINDOW));
        assertEachCrossesWhole(values);
    }

    @Test
    void a_pushed_batch_appends_its_samples_after_the_stored_ones_and_keeps_the_newest() {
        DeploymentCounters stored = counters();
        UsageDelta batch = new UsageDelta();
        batch.window = WINDOW;
        batch.maxSamples = 3;
        batch.latency(1.0, 10L);
        batch.latency(2.0, 11L);
        Map.Entry<String, DeploymentCounters> entry = new AbstractMap.SimpleEntry<>("deployment", stored);

        new ApplyDeltaProcessor(batch, WINDOW).process(entry);

        assertThat(entry.getValue().latencies).containsExactly(0.5, 1.0, 2.0);
        assertThat(entry.getValue().latencyTimes).containsExactly(2L, 10L, 11L);
        assertThat(entry.getValue().firstTokenLatencies).containsExactly(0.125);
    }
}
