package dev.junction.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.gateway.keys.Caller;
import dev.junction.gateway.keys.User;
import dev.junction.gateway.keys.VirtualKey;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which scope each caller gets on the management routes, by LiteLLM's roles. */
class AdminAccessTest {
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    private static Caller.KeyHolder keyOf(String role) {
        VirtualKey key = new VirtualKey(
                "token",
                null,
                null,
                List.of(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                role == null ? null : "user-1",
                0,
                false,
                NOW,
                NOW);
        User user = role == null
                ? null
                : new User(
                        "user-1", null, null, role, List.of(), null, null, null, null, null, null, null, 0, NOW, NOW);
        return new Caller.KeyHolder(key, null, user, null, null, null);
    }

    @Test
    void the_master_key_and_a_proxy_admins_key_reach_and_change_everything() {
        assertThat(AdminAccess.scopeOf(Caller.ADMIN)).isEqualTo(new AdminAccess.Scope(true, true, null));
        AdminAccess.Scope admin = AdminAccess.scopeOf(keyOf("proxy_admin"));
        assertThat(admin.all()).isTrue();
        assertThat(admin.writes()).isTrue();
    }

    @Test
    void viewers_only_read_and_internal_users_reach_only_their_own() {
        AdminAccess.Scope viewer = AdminAccess.scopeOf(keyOf("proxy_admin_viewer"));
        assertThat(viewer.all()).isTrue();
        assertThat(viewer.writes()).isFalse();
        AdminAccess.Scope internal = AdminAccess.scopeOf(keyOf("internal_user"));
        assertThat(internal.all()).isFalse();
        assertThat(internal.writes()).isTrue();
        AdminAccess.Scope internalViewer = AdminAccess.scopeOf(keyOf("internal_user_viewer"));
        assertThat(internalViewer.all()).isFalse();
        assertThat(internalViewer.writes()).isFalse();
        AdminAccess.Scope noUser = AdminAccess.scopeOf(keyOf(null));
        assertThat(noUser.all()).isFalse();
        assertThat(noUser.writes()).as("a key without a user only reads").isFalse();
    }

    @Test
    void a_refusal_is_a_403_naming_the_route_and_role() {
        var refusal = AdminAccess.forbidden("/user/new", keyOf("internal_user"));
        assertThat(refusal.kind()).isEqualTo(ErrorKind.PERMISSION_DENIED);
        assertThat(refusal.kind().httpStatus()).isEqualTo(403);
        assertThat(refusal.getMessage()).contains("Route=/user/new").contains("Your role=internal_user");
    }
}
