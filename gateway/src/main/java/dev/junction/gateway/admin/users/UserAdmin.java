package dev.junction.gateway.admin.users;

import dev.junction.cluster.bus.SpendSubject;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.gateway.admin.AdminContext;
import dev.junction.gateway.admin.AdminRequest;
import dev.junction.gateway.admin.FieldType;
import dev.junction.gateway.admin.keys.KeyAdmin;
import dev.junction.gateway.admin.keys.KeySettings;
import dev.junction.gateway.keys.DuplicateEntryException;
import dev.junction.gateway.keys.KeyHashes;
import dev.junction.gateway.keys.KeyJson;
import dev.junction.gateway.keys.User;
import dev.junction.gateway.keys.VirtualKey;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * LiteLLM's {@code /user/new}, {@code /user/update} and {@code /user/delete}. A new user gets a key of its own
 * unless {@code auto_create_key} is false; its keys share its models, limits and budget. A taken {@code user_id}
 * or e-mail is a 409, as in LiteLLM. Deleting a user deletes its keys and memberships.
 */
public final class UserAdmin {
    private static final Map<String, FieldType> DELETE = Map.of("user_ids", FieldType.STRING_LIST);

    private final AdminContext admin;
    private final UserJoins joins;
    private final KeyAdmin keys;

    public UserAdmin(AdminContext admin) {
        this.admin = admin;
        this.joins = new UserJoins(admin);
        this.keys = new KeyAdmin(admin);
    }

    public void create(RoutingContext ctx) {
        AdminRequest request = UserSettings.withInternalUserDefaults(
                AdminRequest.parse(ctx.body().buffer(), UserSettings.NEW), admin.keyManagement());
        Instant now = admin.clock().instant();
        String id = request.string("user_id") == null ? UUID.randomUUID().toString() : request.required("user_id");
        User user = UserSettings.apply(request, UserSettings.blank(id, now), now);
        List<UserJoins.TeamJoin> teams = UserJoins.teams(request.value("teams"));
        List<String> organizations = request.strings("organizations");
        boolean withKey = !Boolean.FALSE.equals(request.flag("auto_create_key"));
        String plain = withKey ? KeyHashes.newKey() : null;
        admin.calls()
                .answer(
                        ctx,
                        joins.requireAll(teams, organizations)
                                .compose(ok -> admin.calls().blocking(() -> insert(user)))
                                .compose(made ->
                                        admin.directory().published(made).map(made))
                                .compose(made -> joins.join(made, teams, organizations, now)
                                        .map(made))
                                .compose(made -> withKey
                                        ? keys.insert(KeySettings.forUser(
                                                        plain,
                                                        made.userId(),
                                                        request.string("key_alias"),
                                                        request.string("duration"),
                                                        now))
                                                .map(key -> answer(made, teams, plain, key))
                                        : Future.succeededFuture(answer(made, teams, "", null))));
    }

    /** Adds a user; a taken id or e-mail is LiteLLM's 409. Blocking. */
    private User insert(User user) {
        try {
            admin.stores().users().insert(user);
            return user;
        } catch (DuplicateEntryException taken) {
            String what = taken.field().equals("user_email") ? "email " + user.userEmail() : "id " + user.userId();
            throw GatewayException.of(ErrorKind.CONFLICT, "User with " + what + " already exists")
                    .withParam(taken.field());
        }
    }

    private static JsonObject answer(User user, List<UserJoins.TeamJoin> teams, String plain, VirtualKey key) {
        JsonArray teamIds = new JsonArray();
        teams.forEach(team -> teamIds.add(team.teamId()));
        JsonObject answer = user.toJson().put("teams", teamIds).put("key", plain);
        if (key != null) {
            answer.put("key_name", key.keyName())
                    .put("key_alias", key.keyAlias())
                    .put("expires", KeyJson.of(key).getValue("expires"))
                    .put("token_id", key.token());
        }
        return answer;
    }

    /** Answers LiteLLM's {@code {"user_id", "data"}}. */
    public void update(RoutingContext ctx) {
        AdminRequest request = AdminRequest.parse(ctx.body().buffer(), UserSettings.COMMON);
        Instant now = admin.clock().instant();
        admin.calls()
                .answer(
                        ctx,
                        joins.existing(request.string("user_id"), request.string("user_email"))
                                .map(current -> UserSettings.apply(request, current, now))
                                .compose(changed -> admin.saved(
                                        changed,
                                        () -> admin.stores().users().update(changed),
                                        request.has("spend"),
                                        SpendSubject.USER + changed.userId(),
                                        changed.spend(),
                                        changed.budgetResetAt()))
                                .compose(changed ->
                                        admin.directory().published(changed).map(changed))
                                .compose(changed -> joins.withTeams(changed))
                                .map(data -> new JsonObject()
                                        .put("user_id", data.getString("user_id"))
                                        .put("data", data)));
    }

    /** Answers the number of users deleted, as LiteLLM does; an unknown id refuses the whole request (404). */
    public void delete(RoutingContext ctx) {
        AdminRequest request = AdminRequest.parse(ctx.body().buffer(), DELETE);
        List<String> ids = request.strings("user_ids");
        if (ids.isEmpty()) {
            throw GatewayException.badField("user_ids", "user_ids is required");
        }
        admin.calls()
                .answer(
                        ctx,
                        admin.calls()
                                .blocking(() -> {
                                    for (String id : ids) {
                                        if (admin.stores().users().find(id).isEmpty()) {
                                            throw GatewayException.of(
                                                            ErrorKind.NOT_FOUND, "User not found, passed user_id=" + id)
                                                    .withParam("user_ids");
                                        }
                                    }
                                    return admin.stores().users().delete(ids);
                                })
                                .compose(deleted -> joins.forget(deleted)
                                        .map(deleted.userIds().size())));
    }
}
