package dev.junction.gateway.jwt;

import dev.junction.gateway.keys.Caller;
import dev.junction.gateway.keys.KeyDirectory;
import dev.junction.gateway.keys.KeyHashes;
import dev.junction.gateway.keys.Team;
import dev.junction.gateway.keys.VirtualKey;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a token's team and user into the key holder its calls run as: a key of no limits of its own, whose
 * team (looked up in the key store, as a team key's) brings its models, aliases, limits and budget. The key
 * is the same for every token of one user and team ({@code jwt-} and a hash of both), so their calls share one
 * spend counter. The team must exist and not be blocked, as LiteLLM requires.
 */
final class JwtTeams {
    static final String KEY_PREFIX = "jwt-";

    private final KeyDirectory directory;
    private final Clock clock;

    JwtTeams(KeyDirectory directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    Caller.KeyHolder userOnly(String userId, JsonObject claims) {
        return new Caller.KeyHolder(key(null, userId, claims), null);
    }

    /** The token's one team; fails with a 401 when it does not exist or is blocked. */
    Future<Caller.KeyHolder> one(String teamId, String userId, JsonObject claims) {
        return directory.team(teamId).map(found -> usable(teamId, found)
                .map(team -> new Caller.KeyHolder(key(teamId, userId, claims), team))
                .orElseThrow(() -> found.isEmpty()
                        ? JwtAuthenticator.denied(
                                "Team doesn't exist in db. Team=" + teamId + ". Create team via `/team/new` call.")
                        : JwtAuthenticator.denied(
                                "Team " + teamId + " is blocked. Update via `/team/unblock` if you're admin.")));
    }

    /** The usable teams among {@code teamIds}, in order; unknown and blocked ones are passed over. */
    Future<JwtIdentity.TeamChoice> firstUsable(List<String> teamIds, String userId, JsonObject claims) {
        List<Future<Optional<Team>>> lookups = new ArrayList<>();
        teamIds.forEach(id -> lookups.add(directory.team(id)));
        return Future.all(lookups).map(done -> {
            List<Caller.KeyHolder> usable = new ArrayList<>();
            for (int i = 0; i < teamIds.size(); i++) {
                String id = teamIds.get(i);
                usable(id, lookups.get(i).result())
                        .ifPresent(team -> usable.add(new Caller.KeyHolder(key(id, userId, claims), team)));
            }
            Caller.KeyHolder first = usable.isEmpty() ? userOnly(userId, claims) : usable.get(0);
            return new JwtIdentity.TeamChoice(List.copyOf(usable), first);
        });
    }

    private static Optional<Team> usable(String teamId, Optional<Team> found) {
        return found.filter(team -> !team.blocked());
    }

    private VirtualKey key(String teamId, String userId, JsonObject claims) {
        String owner = userId != null ? userId : teamId != null ? teamId : "anonymous";
        Instant now = clock.instant();
        Long exp = claims.getValue("exp") instanceof Number number ? number.longValue() : null;
        return new VirtualKey(
                KEY_PREFIX + KeyHashes.token(teamId + "|" + userId),
                "jwt:" + owner,
                null,
                List.of(),
                exp == null ? null : Instant.ofEpochSecond(exp),
                null,
                null,
                null,
                null,
                null,
                null,
                new JsonObject(),
                Map.of(),
                teamId,
                userId,
                0,
                false,
                now,
                now);
    }
}
