package dev.junction.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.junction.cluster.error.GatewayException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The field types of the management routes beyond keys and teams: members, regions, lists. */
class MemberFieldsTest {
    private static final Map<String, FieldType> FIELDS =
            Map.of("member", FieldType.MEMBERS, "allowed_model_region", FieldType.REGION, "teams", FieldType.LIST);

    private static GatewayException refusal(String json) {
        return catchThrowableOfType(GatewayException.class, () -> AdminRequest.parse(Buffer.buffer(json), FIELDS));
    }

    @Test
    void a_member_is_one_object_or_a_list_with_an_id_or_an_email() {
        assertThat(refusal("{\"member\": {\"role\": \"user\", \"user_id\": \"a\"}}"))
                .isNull();
        assertThat(refusal("{\"member\": [{\"user_email\": \"a@b.c\"}, {\"user_id\": \"b\"}]}"))
                .isNull();
        assertThat(refusal("{\"member\": \"a\"}").param()).contains("member");
        assertThat(refusal("{\"member\": {\"role\": \"user\"}}").getMessage())
                .isEqualTo("member must have user_id or user_email");
        assertThat(refusal("{\"member\": [{\"user_id\": \"a\"}, {\"user_id\": 7}]}")
                        .getMessage())
                .isEqualTo("member[1].user_id must be a string");
        assertThat(refusal("{\"member\": {\"user_id\": \"a\", \"budget\": 1}}").getMessage())
                .startsWith("member.budget is not a member field");
        assertThat(refusal("{\"member\": {\"user_id\": \"" + "x".repeat(256) + "\"}}")
                        .getMessage())
                .contains("at most 255 characters");
    }

    @Test
    void a_region_is_eu_or_us_and_a_list_is_bounded() {
        assertThat(refusal("{\"allowed_model_region\": \"eu\"}")).isNull();
        assertThat(refusal("{\"allowed_model_region\": \"EU\"}").param()).contains("allowed_model_region");
        assertThat(refusal("{\"teams\": {}}").param()).contains("teams");
        JsonArray tooMany = new JsonArray();
        for (int i = 0; i <= FieldType.MAX_ENTRIES; i++) {
            tooMany.add(i);
        }
        assertThat(refusal(new JsonObject().put("teams", tooMany).encode()).getMessage())
                .contains("at most 1000 entries");
    }

    @Test
    void members_take_a_role_of_the_route_or_the_default() {
        Object given = new JsonArray()
                .add(new JsonObject().put("user_id", "a"))
                .add(new JsonObject().put("user_email", "b@c.d").put("role", "admin"));
        List<Members> members = Members.of(given, "member", Set.of("admin", "user"), "user");
        assertThat(members).containsExactly(new Members("a", null, "user"), new Members(null, "b@c.d", "admin"));
        GatewayException wrongRole = catchThrowableOfType(
                GatewayException.class,
                () -> Members.of(
                        new JsonObject().put("user_id", "a").put("role", "owner"), "member", Set.of("user"), null));
        assertThat(wrongRole.param()).contains("member");
        assertThat(wrongRole.getMessage()).contains("member.role must be one of [user]");
    }
}
