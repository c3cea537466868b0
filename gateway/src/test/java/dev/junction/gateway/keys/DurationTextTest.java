package dev.junction.gateway.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {
    @Test
    void reads_litellms_units() {
        assertThat(DurationText.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationText.parse("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(DurationText.parse("30h")).isEqualTo(Duration.ofHours(30));
        assertThat(DurationText.parse("30d")).isEqualTo(Duration.ofDays(30));
        assertThat(DurationText.parse("2w")).isEqualTo(Duration.ofDays(14));
        assertThat(DurationText.parse("1mo")).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void refuses_anything_else_saying_what_is_accepted() {
        for (String bad : new String[] {"", "30", "d30", "30 days", "-1d", "1.5h", "99999999999d"}) {
            assertThatThrownBy(() -> DurationText.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("30d");
        }
    }

    @Test
    void hashes_keys_like_litellm() {
        // As python3 -c "import hashlib;print(hashlib.sha256(b'sk-1234').hexdigest())" gives it.
        assertThat(KeyHashes.token("sk-1234"))
                .isEqualTo("88dc28d0f030c55ed4ab77ed8faf098196cb1c05df778539800c9f1243fe6b4b");
        assertThat(KeyHashes.newKey()).startsWith("sk-").hasSizeGreaterThanOrEqualTo(3 + 22);
        assertThat(KeyHashes.displayName("sk-abcdefgh")).isEqualTo("sk-...efgh");
    }
}
