package dev.junction.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import io.vertx.core.buffer.Buffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminRequestTest {
    private static final Map<String, FieldType> FIELDS = Map.of(
            "models", FieldType.STRING_LIST,
            "max_budget", FieldType.MONEY,
            "rpm_limit", FieldType.COUNT,
            "duration", FieldType.DURATION,
            "aliases", FieldType.STRING_MAP,
            "blocked", FieldType.BOOLEAN,
            "key_alias", FieldType.STRING,
            "max_parallel_requests", FieldType.SMALL_COUNT,
            "metadata", FieldType.OBJECT);

    private static GatewayException refusal(String json) {
        return catchThrowableOfType(GatewayException.class, () -> AdminRequest.parse(Buffer.buffer(json), FIELDS));
    }

    @Test
    void unknown_fields_are_refused_by_name() {
        GatewayException error = refusal("{\"models\":[],\"modles\":[],\"rpm\":3}");
        assertThat(error.kind()).isEqualTo(ErrorKind.BAD_REQUEST);
        assertThat(error.getMessage()).contains("Unknown fields modles, rpm");
        assertThat(error.param()).contains("modles");
    }

    @Test
    void wrong_types_are_refused_naming_the_field_and_the_type_wanted() {
        assertThat(refusal("{\"models\":\"gpt-4o\"}").getMessage()).isEqualTo("models must be a list of strings");
        assertThat(refusal("{\"max_budget\":-1}").getMessage()).isEqualTo("max_budget must be a non-negative number");
        assertThat(refusal("{\"rpm_limit\":1.5}").param()).contains("rpm_limit");
        assertThat(refusal("{\"duration\":\"forever\"}").getMessage()).contains("duration must be a duration");
        assertThat(refusal("{\"aliases\":{\"a\":1}}").param()).contains("aliases");
        assertThat(refusal("{\"blocked\":\"yes\"}").param()).contains("blocked");
    }

    @Test
    void bodies_that_are_not_a_json_object_are_refused() {
        assertThat(refusal("[1,2]").getMessage()).contains("JSON object");
        assertThat(refusal("{nope").getMessage()).contains("not valid JSON");
    }

    @Test
    void nulls_mean_unset_and_valid_values_are_read() {
        AdminRequest request = AdminRequest.parse(
                Buffer.buffer("{\"models\":[\"a\"],\"max_budget\":null,\"rpm_limit\":10,\"aliases\":{\"x\":\"y\"}}"),
                FIELDS);
        assertThat(request.strings("models")).containsExactly("a");
        assertThat(request.has("max_budget")).isTrue();
        assertThat(request.money("max_budget")).isNull();
        assertThat(request.count("rpm_limit")).isEqualTo(10L);
        assertThat(request.stringMap("aliases")).containsEntry("x", "y");
        assertThat(AdminRequest.parse(Buffer.buffer(""), FIELDS).has("models")).isFalse();
    }

    @Test
    void whole_numbers_beyond_their_range_are_refused_not_wrapped() {
        // 2^64 + 5: a BigInteger whose longValue() is 5.
        assertThat(refusal("{\"rpm_limit\":18446744073709551621}").getMessage())
                .isEqualTo("rpm_limit must be at most 9223372036854775807");
        assertThat(refusal("{\"rpm_limit\":1e20}").getMessage())
                .isEqualTo("rpm_limit must be at most 9223372036854775807");
        assertThat(refusal("{\"rpm_limit\":-1}").getMessage())
                .isEqualTo("rpm_limit must be a non-negative whole number");
        assertThat(refusal("{\"max_parallel_requests\":2147483648}").getMessage())
                .isEqualTo("max_parallel_requests must be at most 2147483647");
        assertThat(refusal("{\"max_budget\":1e400}").param()).contains("max_budget");

        AdminRequest largest = AdminRequest.parse(
                Buffer.buffer("{\"rpm_limit\":9223372036854775807,\"max_parallel_requests\":2147483647.0}"), FIELDS);
        assertThat(largest.count("rpm_limit")).isEqualTo(Long.MAX_VALUE);
        assertThat(largest.smallCount("max_parallel_requests")).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void strings_the_store_cannot_hold_are_refused_by_name() {
        assertThat(refusal("{\"key_alias\":\"" + "a".repeat(256) + "\"}").getMessage())
                .isEqualTo("key_alias must be at most 255 characters");
        assertThat(refusal("{\"key_alias\":\"a\\u0000b\"}").getMessage())
                .isEqualTo("key_alias must not contain control characters");
        assertThat(refusal("{\"models\":[\"a\",\"b\\tc\"]}").getMessage())
                .isEqualTo("models[1] must not contain control characters");
        assertThat(refusal("{\"models\":[\"a\",7]}").getMessage()).isEqualTo("models[1] must be a string");
        assertThat(refusal("{\"aliases\":{\"" + "k".repeat(256) + "\":\"v\"}}").param())
                .contains("aliases");
        assertThat(refusal("{\"duration\":\"30" + " ".repeat(70) + "d\"}").getMessage())
                .isEqualTo("duration must be at most 64 characters");
        assertThat(refusal("{\"metadata\":{\"a\":\"" + "x".repeat(70_000) + "\"}}")
                        .getMessage())
                .isEqualTo("metadata must be at most 65536 characters as JSON");
        // 900 levels used to pass and overflow the stack in the key store (a 503 "try again").
        assertThat(refusal("{\"metadata\":" + "{\"a\":".repeat(900) + "1" + "}".repeat(900) + "}")
                        .getMessage())
                .isEqualTo("metadata must be nested at most 100 levels deep");
        assertThat(refusal("{\"metadata\":{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}}")
                        .getMessage())
                .isEqualTo("metadata must be nested at most 100 levels deep");
        assertThat(AdminRequest.parse(
                                Buffer.buffer("{\"metadata\":" + "{\"a\":".repeat(99) + "1" + "}".repeat(99) + "}"),
                                FIELDS)
                        .object("metadata"))
                .isNotNull();
        assertThat(AdminRequest.parse(Buffer.buffer("{\"key_alias\":\"" + "a".repeat(255) + "\"}"), FIELDS)
                        .string("key_alias"))
                .hasSize(255);
    }
}
