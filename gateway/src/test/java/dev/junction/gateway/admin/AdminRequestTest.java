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
            "blocked", FieldType.BOOLEAN);

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
}
