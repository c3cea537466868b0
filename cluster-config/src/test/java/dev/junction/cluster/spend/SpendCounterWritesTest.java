package dev.junction.cluster.spend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The writes a counter asks the store for around an admin setting its spend outright. */
class SpendCounterWritesTest {
    private static final UUID MEMBER = UUID.randomUUID();

    @Test
    void a_write_on_its_way_when_an_admin_sets_the_spend_is_followed_by_the_admins_value_as_a_reset() {
        SpendCounter counter = SpendCounter.seeded(0, 0);
        counter.settle(MEMBER, 0, 0.04);
        PendingWrite late = counter.takeWrite("w1");
        assertThat(late.amount()).isCloseTo(0.04, within(1e-9));

        counter.set(0);
        counter.settle(MEMBER, 0, 0.02);
        assertThat(counter.takeWrite("w2"))
                .as("one write at a time: the one on its way is sent again until the store confirms it")
                .isSameAs(late);
        assertThat(counter.written("w1")).isTrue();

        PendingWrite after = counter.takeWrite("w2");
        // The store may have applied w1 after the admin's 0: this write starts it from the admin's value again.
        assertThat(after.reset()).isTrue();
        assertThat(after.amount()).isCloseTo(0.02, within(1e-9));
        assertThat(counter.written("w2")).isTrue();
        assertThat(counter.takeWrite("w3")).as("all stored").isNull();
        assertThat(counter.spend()).isCloseTo(0.02, within(1e-9));
    }

    @Test
    void an_admins_value_reaches_the_store_with_the_calls_after_it() {
        SpendCounter counter = SpendCounter.seeded(3, 0);
        counter.set(1.5);
        counter.settle(MEMBER, 0, 0.25);

        PendingWrite write = counter.takeWrite("w1");

        assertThat(write.reset()).isTrue();
        assertThat(write.amount()).isCloseTo(1.75, within(1e-9));
        assertThat(write.resetAtMillis())
                .as("no period: the store keeps its own end")
                .isZero();
    }
}
