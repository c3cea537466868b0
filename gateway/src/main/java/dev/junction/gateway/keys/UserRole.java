package dev.junction.gateway.keys;

import java.util.Arrays;
import java.util.Optional;

/**
 * LiteLLM's user roles. A key of a user acts with the user's role on the management routes: a proxy admin's key
 * may call all of them, a viewer's only those that read, an internal user's only those about its own keys.
 */
public enum UserRole {
    PROXY_ADMIN("proxy_admin"),
    PROXY_ADMIN_VIEWER("proxy_admin_viewer"),
    INTERNAL_USER("internal_user"),
    INTERNAL_USER_VIEWER("internal_user_viewer");

    private final String litellmName;

    UserRole(String litellmName) {
        this.litellmName = litellmName;
    }

    public String litellmName() {
        return litellmName;
    }

    public static Optional<UserRole> of(String name) {
        return Arrays.stream(values())
                .filter(role -> role.litellmName.equals(name))
                .findFirst();
    }

    /** Whether the role reads everything ({@code proxy_admin}, {@code proxy_admin_viewer}). */
    public boolean readsAll() {
        return this == PROXY_ADMIN || this == PROXY_ADMIN_VIEWER;
    }

    /** Whether the role only reads ({@code proxy_admin_viewer}, {@code internal_user_viewer}). */
    public boolean readOnly() {
        return this == PROXY_ADMIN_VIEWER || this == INTERNAL_USER_VIEWER;
    }
}
