package dev.junction.cluster.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.spi.merge.MergingValue;
import org.junit.jupiter.api.Test;

/** What survives when the two halves of a split cluster merge their routing state again. */
class MergePoliciesTest {
    private final WindowCountMergePolicy counters = new WindowCountMergePolicy();
    private final LaterCooldownMergePolicy cooldowns = new LaterCooldownMergePolicy();

    /** A merging value as Hazelcast hands it over: the object, and its serialised form (here a label). */
    private record Value(Object getValue, Object getRawValue) implements MergingValue<Object> {}

    private static DeploymentCounters counters(long window, long requests, long tokens) {
        DeploymentCounters counters = new DeploymentCounters();
        counters.window = window;
        counters.requests = requests;
        counters.tokens = tokens;
        return counters;
    }

    private Object mergeCounters(DeploymentCounters merging, DeploymentCounters existing) {
        return counters.merge(new Value(merging, "merging"), new Value(existing, "existing"));
    }

    @Test
    void the_side_that_admitted_more_requests_in_the_window_wins() {
        assertThat(mergeCounters(counters(100, 59, 0), counters(100, 2, 0))).isEqualTo("merging");
        assertThat(mergeCounters(counters(100, 2, 0), counters(100, 59, 0))).isEqualTo("existing");
    }

    @Test
    void a_newer_window_wins_over_a_larger_count_in_an_older_one() {
        assertThat(mergeCounters(counters(101, 1, 0), counters(100, 60, 0))).isEqualTo("merging");
        assertThat(mergeCounters(counters(100, 60, 0), counters(101, 1, 0))).isEqualTo("existing");
    }

    @Test
    void equal_request_counts_are_settled_by_tokens_then_keep_what_is_in_place() {
        assertThat(mergeCounters(counters(100, 5, 900), counters(100, 5, 100))).isEqualTo("merging");
        assertThat(mergeCounters(counters(100, 5, 100), counters(100, 5, 100))).isEqualTo("existing");
    }

    @Test
    void an_entry_only_one_side_has_is_kept() {
        assertThat(counters.merge(new Value(counters(100, 1, 0), "merging"), null))
                .isEqualTo("merging");
        assertThat(counters.merge(null, new Value(counters(100, 1, 0), "existing")))
                .isEqualTo("existing");
    }

    @Test
    void the_later_cooldown_end_wins() {
        Value sooner = new Value(new CooldownEntry(1_000, "RATE_LIMITED"), "sooner");
        Value later = new Value(new CooldownEntry(5_000, "SERVER_ERROR"), "later");

        assertThat(cooldowns.merge(later, sooner)).isEqualTo("later");
        assertThat(cooldowns.merge(sooner, later)).isEqualTo("later");
    }
}
