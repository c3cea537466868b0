package dev.junction.cluster.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalViewTest {
    private static final long WINDOW = 29_000_000;

    private static UsageSnapshot requests(long count) {
        return new UsageSnapshot(WINDOW, count, 0, 0, 0, 0, 0, new double[0], new long[0], new double[0], new long[0]);
    }

    @Test
    void a_refresh_read_before_a_push_came_back_does_not_undo_it() {
        LocalView view = new LocalView();
        long asked = view.pushes();
        // The refresh is on its way when this node admits a call and pushes it.
        view.admit(WINDOW, 100, Long.MAX_VALUE, 0, false, 1);
        UsageDelta batch = view.takeBatch(WINDOW);
        assertThat(batch).isNotNull();
        view.pushed(requests(1));

        view.refreshed(requests(0), asked);

        assertThat(view.snapshot(WINDOW).requests()).isEqualTo(1);
    }

    @Test
    void a_refresh_of_an_untouched_view_is_taken() {
        LocalView view = new LocalView();
        view.refreshed(requests(7), view.pushes());
        assertThat(view.snapshot(WINDOW).requests()).isEqualTo(7);
    }

    @Test
    void latency_samples_count_while_their_batch_is_on_its_way() {
        LocalView view = new LocalView();
        view.admit(WINDOW, 100, Long.MAX_VALUE, 0, false, 1);
        view.complete(WINDOW, outcome(1.0, null));
        assertThat(view.takeBatch(WINDOW)).isNotNull();

        UsageSnapshot seen = view.snapshot(WINDOW);

        assertThat(seen.latencies()).containsExactly(1.0);
        assertThat(seen.latencyTimes()).containsExactly(1_000L);
    }

    @Test
    void first_token_samples_count_before_they_are_pushed() {
        LocalView view = new LocalView();
        view.admit(WINDOW, 100, Long.MAX_VALUE, 0, false, 1);
        view.complete(WINDOW, outcome(2.0, 0.25));
        assertThat(view.snapshot(WINDOW).firstTokenLatencies()).containsExactly(0.25);

        assertThat(view.takeBatch(WINDOW)).isNotNull();
        view.admit(WINDOW, 100, Long.MAX_VALUE, 0, false, 1);
        view.complete(WINDOW, outcome(2.0, 0.5));

        assertThat(view.snapshot(WINDOW).firstTokenLatencies()).containsExactly(0.25, 0.5);
    }

    private static CallOutcome outcome(double latencySeconds, Double firstTokenSeconds) {
        return new CallOutcome(
                true,
                WINDOW,
                0,
                true,
                true,
                latencySeconds,
                firstTokenSeconds,
                DeploymentCounters.MAX_SAMPLES,
                1_000L,
                60_000L);
    }
}
