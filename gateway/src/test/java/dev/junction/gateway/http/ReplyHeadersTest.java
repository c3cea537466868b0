package dev.junction.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class ReplyHeadersTest {
    @Test
    void durations_read_as_the_formatter_wrote_them() {
        long[] fixed = {
            0, 1, 499, 500, 999, 1_000, 1_499, 1_500, 999_499, 999_500, 1_000_000, 12_345_678, 86_400_000_000_000L
        };
        for (long nanos : fixed) {
            assertThat(ReplyWriter.millis(nanos)).as("%d ns", nanos).isEqualTo(formatted(nanos));
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 10_000; i++) {
            long nanos = random.nextLong(0, 60_000_000_000L);
            // The formatter rounds the double nanos / 1e6; at an exact half microsecond the two may differ.
            if (nanos % 1000 != 500) {
                assertThat(ReplyWriter.millis(nanos)).as("%d ns", nanos).isEqualTo(formatted(nanos));
            }
        }
    }

    @Test
    void a_negative_duration_reads_as_zero() {
        assertThat(ReplyWriter.millis(-5)).isEqualTo("0.000");
    }

    @Test
    void call_ids_are_random_version_4_uuids() {
        String id = RequestParser.randomCallId();
        UUID parsed = UUID.fromString(id);

        assertThat(parsed.version()).isEqualTo(4);
        assertThat(parsed.variant()).isEqualTo(2);
        assertThat(parsed.toString()).isEqualTo(id);
        assertThat(RequestParser.randomCallId()).isNotEqualTo(id);
    }

    private static String formatted(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1_000_000.0);
    }
}
