package dev.junction.cluster.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SamplesTest {
    @Test
    void keeps_the_newest_samples_across_the_runs_oldest_first() {
        double[] merged = Samples.lastOf(4, new double[] {1, 2, 3}, new double[] {4, 5}, new double[] {6});
        assertThat(merged).containsExactly(3, 4, 5, 6);
    }

    @Test
    void keeps_every_sample_when_they_fit() {
        long[] merged = Samples.lastOf(8, new long[] {1}, new long[0], new long[] {2, 3});
        assertThat(merged).containsExactly(1, 2, 3);
    }

    @Test
    void trims_within_the_newest_run_when_it_alone_is_too_long() {
        long[] merged = Samples.lastOf(2, new long[] {1}, new long[] {2}, new long[] {3, 4, 5});
        assertThat(merged).containsExactly(4, 5);
    }

    @Test
    void gives_back_the_cluster_samples_unchanged_when_nothing_local_follows() {
        double[] base = {1, 2, 3};
        assertThat(Samples.lastOf(2, base, new double[0], new double[0])).isSameAs(base);
    }
}
