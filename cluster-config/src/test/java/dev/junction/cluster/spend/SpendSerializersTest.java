package dev.junction.cluster.spend;

import static dev.junction.cluster.node.MemberSerialization.assertEachCrossesWhole;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SpendSerializersTest {
    private static final UUID NODE = UUID.fromString("6f1c3e0a-2b4d-4c8e-9a7b-0d2e4f6a8c1e");

    @Test
    void every_spend_type_crosses_the_cluster_whole_and_without_java_serialization() {
        SpendCounter counter = SpendCounter.seeded(1.25, 1_700_000_000_000L);
        counter.generation = 2;
        counter.resetUnwritten = true;
        counter.settle(NODE, 0, 0.5);
        counter.reserve(UUID.randomUUID(), 0.003);
        counter.takeWrite("write-1");
        SpendCounter empty = new SpendCounter();
        SpendState state = new SpendState(2.5, 0.1, 1_800_000_000_000L);
        List<Object> values = List.of(
                counter,
                empty,
                state,
                new Reservation(true, state, false),
                new Reservation(false, state, true),
                new SpendWrite("key:abc", "write-1", 0.5, true, 1_800_000_000_000L),
                new ReserveProcessor(NODE, 10.0, 86_400_000L, 1.5, 1_700_000_000_000L, 0.002, 1_700_000_000_500L),
                new SettleProcessor(NODE, 0.002, 0.0015, 0, 1.5, 0, 1_700_000_000_500L),
                new SetSpendProcessor(3.0, 1_700_000_000_000L),
                new TakeWriteProcessor("write-2"),
                new WrittenProcessor("write-2"));
        assertEachCrossesWhole(values);
    }
}
