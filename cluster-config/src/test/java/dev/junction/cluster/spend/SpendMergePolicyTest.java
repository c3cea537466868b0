package dev.junction.cluster.spend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.hazelcast.spi.merge.MergingValue;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What a key's spend is after the two sides of a split cluster, each serving calls, merge again. */
class SpendMergePolicyTest {
    private static final UUID A = UUID.randomUUID();
    private static final UUID B = UUID.randomUUID();
    private static final UUID C = UUID.randomUUID();
    private static final long PERIOD_END = 1_800_000_000_000L;

    private final SpendMergePolicy policy = new SpendMergePolicy();

    /** A merging value as Hazelcast hands it over: the object, and its serialised form (here a label). */
    private record Value(Object getValue, Object getRawValue) implements MergingValue<Object> {}

    private SpendCounter merge(SpendCounter merging, SpendCounter existing) {
        Object merged = policy.merge(new Value(merging, "merging"), new Value(existing, "existing"));
        if (merged.equals("merging")) {
            return merging;
        }
        return merged.equals("existing") ? existing : (SpendCounter) merged;
    }

    /** The counter of a key that members A, B and C had spent 1 + 2 + 0.5 on, over a stored 10, before a split. */
    private static SpendCounter beforeTheSplit() {
        SpendCounter counter = SpendCounter.seeded(10, PERIOD_END);
        counter.settle(A, 0, 1);
        counter.settle(B, 0, 2);
        counter.settle(C, 0, 0.5);
        return counter;
    }

    private static SpendCounter copy(SpendCounter counter) {
        return SpendCounter.merged(counter, counter);
    }

    @Test
    void the_spend_of_both_sides_adds_up_and_what_was_spent_before_the_split_counts_once() {
        SpendCounter larger = beforeTheSplit();
        SpendCounter smaller = copy(larger);
        // The split: A and C on one side, B on the other; each side settles calls on its own copy.
        larger.settle(A, 0, 1.30);
        larger.settle(C, 0, 1.25);
        smaller.settle(B, 0, 2.00);

        SpendCounter merged = merge(smaller, larger);

        // 13.5 before the split, 2.55 on one side, 2.00 on the other.
        assertThat(merged.spend()).isCloseTo(18.05, within(1e-9));
        assertThat(merge(larger, smaller).spend()).isCloseTo(18.05, within(1e-9));
    }

    @Test
    void reservations_of_calls_still_running_are_kept_from_the_side_that_made_them() {
        SpendCounter larger = beforeTheSplit();
        SpendCounter smaller = copy(larger);
        larger.reserve(A, 0.4);
        smaller.reserve(B, 0.1);
        smaller.reserve(B, 0.2);

        SpendCounter merged = merge(smaller, larger);

        assertThat(merged.reserved()).isCloseTo(0.7, within(1e-9));
    }

    @Test
    void a_side_in_a_newer_budget_period_wins_whole() {
        SpendCounter stale = beforeTheSplit();
        SpendCounter renewed = copy(stale);
        assertThat(renewed.rollOver(PERIOD_END + 1, 3_600_000)).isTrue();
        renewed.settle(B, 0, 0.25);
        stale.settle(A, 0, 5);

        assertThat(merge(renewed, stale).spend()).isEqualTo(0.25);
        assertThat(merge(stale, renewed).spend()).isEqualTo(0.25);
    }

    @Test
    void a_spend_an_admin_set_on_one_side_wins_with_what_that_side_settled_after_it() {
        SpendCounter untouched = beforeTheSplit();
        SpendCounter reset = copy(untouched);
        reset.set(0);
        reset.settle(B, 0, 0.1);
        untouched.settle(A, 0, 3);

        assertThat(merge(untouched, reset).spend()).isCloseTo(0.1, within(1e-9));
        assertThat(merge(reset, untouched).spend()).isCloseTo(0.1, within(1e-9));
    }

    @Test
    void spend_written_to_the_store_by_either_side_is_not_written_again() {
        SpendCounter larger = beforeTheSplit();
        SpendCounter smaller = copy(larger);
        // The larger side writes everything it holds, the smaller one settles more and writes nothing.
        PendingWrite write = larger.takeWrite("w1");
        assertThat(write.amount()).isCloseTo(3.5, within(1e-9));
        larger.written("w1");
        smaller.settle(B, 0, 0.75);

        SpendCounter merged = merge(smaller, larger);

        assertThat(merged.takeWrite("w2").amount())
                .as("only what the smaller side added is left to write")
                .isCloseTo(0.75, within(1e-9));
    }

    @Test
    void a_counter_only_one_side_has_is_kept() {
        SpendCounter only = beforeTheSplit();
        assertThat(policy.merge(new Value(only, "merging"), null)).isEqualTo("merging");
        assertThat(policy.merge(null, new Value(only, "existing"))).isEqualTo("existing");
    }
}
