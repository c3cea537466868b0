package dev.junction.gateway.admin.users;

import dev.junction.gateway.keys.User;
import dev.junction.gateway.keys.UserRole;
import dev.junction.gateway.keys.store.UserStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The users a membership names, made when they do not exist yet, as LiteLLM's {@code /team/member_add} and
 * {@code /organization/member_add} do: found by {@code user_id}, else by {@code user_email}, else created as an
 * {@code internal_user} (with a new id when only an e-mail was given). Blocking (JDBC).
 */
public final class UserAccounts {
    private final UserStore users;

    public UserAccounts(UserStore users) {
        this.users = users;
    }

    /**
     * The user, and whether it was created now.
     *
     * @param user the user
     * @param created whether it did not exist before
     */
    public record Found(User user, boolean created) {}

    public Found findOrCreate(String userId, String userEmail, Instant now) {
        Optional<User> existing = userId != null ? users.find(userId) : users.findByEmail(userEmail);
        if (existing.isPresent()) {
            return new Found(existing.get(), false);
        }
        User made = new User(
                userId != null ? userId : UUID.randomUUID().toString(),
                userEmail,
                null,
                UserRole.INTERNAL_USER.litellmName(),
                List.of(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                0,
                now,
                now);
        users.insert(made);
        return new Found(made, true);
    }
}
