package dev.junction.cluster.spend;

import static dev.junction.cluster.node.MemberSerialization.assertEachCrossesWhole;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpendSerializersTest {
    @Test
    void every_spend_type_crosses_the_cluster_whole_and_without_java_serialization() {
        SpendCounter counter = new SpendCounter();
        counter.spend = 1.25;
        counter.reserved = 0.003;
        counter.resetAtMillis = 1_700_000_000_000L;
        SpendState state = new SpendState(2.5, 0.1, 1_800_000_000_000L);
        List<Object> values = List.of(
                counter,
                state,
                new Reservation(true, state, false),
                new Reservation(false, state, true),
                new ReserveProcessor(10.0, 86_400_000L, 1.5, 1_700_000_000_000L, 0.002, 1_700_000_000_500L),
                new SettleProcessor(0.002, 0.0015));
        assertEachCrossesWhole(values);
    }
}
