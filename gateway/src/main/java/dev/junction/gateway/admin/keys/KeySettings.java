package dev.junction.gateway.admin.keys;

import dev.junction.gateway.admin.AdminRequest;
import dev.junction.gateway.admin.FieldType;
import dev.junction.gateway.admin.SharedFields;
import dev.junction.gateway.keys.DurationText;
import dev.junction.gateway.keys.KeyHashes;
import dev.junction.gateway.keys.VirtualKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A key's settings as {@code /key/generate} and {@code /key/update} take them, applied to a key. */
public final class KeySettings {
    /** The settings a key has, in {@code /key/generate} and {@code /key/update}. */
    static final Map<String, FieldType> FIELDS = SharedFields.with(Map.of(
            "key_alias", FieldType.STRING,
            "duration", FieldType.DURATION,
            "spend", FieldType.MONEY,
            "user_id", FieldType.STRING,
            "team_id", FieldType.STRING,
            "aliases", FieldType.STRING_MAP,
            "allowed_cache_controls", FieldType.STRING_LIST,
            "key", FieldType.STRING));

    private KeySettings() {}

    /** A new key with nothing set: the plain key is hashed, never kept. */
    public static VirtualKey blank(String plain, Instant now) {
        return new VirtualKey(
                KeyHashes.token(plain),
                KeyHashes.displayName(plain),
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
                null,
                0,
                false,
                now,
                now);
    }

    /** A user's key made by {@code /user/new}: the user's, with an alias and a lifetime when given. */
    public static VirtualKey forUser(String plain, String userId, String keyAlias, String duration, Instant now) {
        VirtualKey key = blank(plain, now);
        return new VirtualKey(
                key.token(),
                key.keyName(),
                keyAlias,
                List.of(),
                duration == null ? null : now.plus(DurationText.parse(duration)),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                userId,
                0,
                false,
                now,
                now);
    }

    /** {@code current} with every setting the request names applied; a field given as null clears it. */
    static VirtualKey apply(AdminRequest request, VirtualKey current, Instant now) {
        String budgetDuration =
                request.has("budget_duration") ? request.string("budget_duration") : current.budgetDuration();
        Instant budgetResetAt = SharedFields.budgetResetAt(request, current.budgetResetAt(), now);
        Instant expires = current.expires();
        if (request.has("duration")) {
            String duration = request.string("duration");
            expires = duration == null ? null : now.plus(DurationText.parse(duration));
        }
        return new VirtualKey(
                        current.token(),
                        current.keyName(),
                        request.has("key_alias") ? request.string("key_alias") : current.keyAlias(),
                        request.has("models") ? request.strings("models") : current.models(),
                        expires,
                        request.has("max_budget") ? request.money("max_budget") : current.maxBudget(),
                        budgetDuration,
                        budgetResetAt,
                        request.has("rpm_limit") ? request.count("rpm_limit") : current.rpmLimit(),
                        request.has("tpm_limit") ? request.count("tpm_limit") : current.tpmLimit(),
                        request.has("max_parallel_requests")
                                ? request.smallCount("max_parallel_requests")
                                : current.maxParallelRequests(),
                        SharedFields.metadata(request, current.metadata()),
                        request.has("aliases") ? request.stringMap("aliases") : current.aliases(),
                        request.has("team_id") ? request.string("team_id") : current.teamId(),
                        request.has("user_id") ? request.string("user_id") : current.userId(),
                        request.has("spend") && request.money("spend") != null
                                ? request.money("spend")
                                : current.spend(),
                        request.has("blocked") && request.flag("blocked") != null
                                ? request.flag("blocked")
                                : current.blocked(),
                        current.createdAt(),
                        now)
                .withAllowedCacheControls(
                        request.has("allowed_cache_controls")
                                ? request.strings("allowed_cache_controls")
                                : current.allowedCacheControls());
    }

    /** The key under a new token (regeneration): same settings and spend. */
    static VirtualKey renamed(VirtualKey key, String token, String keyName, Instant now) {
        return new VirtualKey(
                        token,
                        keyName,
                        key.keyAlias(),
                        key.models(),
                        key.expires(),
                        key.maxBudget(),
                        key.budgetDuration(),
                        key.budgetResetAt(),
                        key.rpmLimit(),
                        key.tpmLimit(),
                        key.maxParallelRequests(),
                        key.metadata(),
                        key.aliases(),
                        key.teamId(),
                        key.userId(),
                        key.spend(),
                        key.blocked(),
                        key.createdAt(),
                        now)
                .withAllowedCacheControls(key.allowedCacheControls());
    }
}
