package dev.junction.router.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecentCountsTest {
    private final AtomicInteger encoded = new AtomicInteger();

    private int encode(String text) {
        encoded.incrementAndGet();
        return text.length();
    }

    @Test
    void encodes_a_repeated_text_once() {
        RecentCounts counts = new RecentCounts();

        assertThat(counts.count("You are a helpful assistant.", this::encode)).isEqualTo(28);
        assertThat(counts.count(new String("You are a helpful assistant."), this::encode))
                .isEqualTo(28);

        assertThat(encoded).hasValue(1);
    }

    @Test
    void encodes_a_long_text_every_time_without_keeping_it() {
        RecentCounts counts = new RecentCounts();
        String longText = "x".repeat(RecentCounts.MAX_CHARS + 1);

        counts.count(longText, this::encode);
        counts.count(longText, this::encode);

        assertThat(encoded).hasValue(2);
    }

    @Test
    void forgets_the_least_recently_used_text_beyond_its_bound() {
        RecentCounts counts = new RecentCounts();
        counts.count("first", this::encode);
        for (int i = 0; i < RecentCounts.MAX_ENTRIES; i++) {
            counts.count("text " + i, this::encode);
        }
        encoded.set(0);

        counts.count("text " + (RecentCounts.MAX_ENTRIES - 1), this::encode);
        counts.count("first", this::encode);

        assertThat(encoded).hasValue(1);
    }
}
