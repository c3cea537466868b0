package dev.junction.gateway.jwt;

import dev.junction.gateway.keys.Caller;
import java.util.List;

/**
 * Who a verified token is, kept for the model check of its request.
 *
 * @param caller who the token calls as on routes without a model (the first usable team, when it lists several)
 * @param teams the usable teams of a token listing several ({@code team_ids_jwt_field}), in its order
 * @param teamIds the team ids such a token lists, usable or not: for the refusal's message
 * @param chooseByModel whether a request's team is chosen by its model among {@code teams}
 * @param scopeModels with {@code enforce_scope_based_access}, the models the token's scopes grant
 */
record JwtIdentity(
        Caller caller,
        List<Caller.KeyHolder> teams,
        List<String> teamIds,
        boolean chooseByModel,
        List<String> scopeModels) {

    static JwtIdentity admin(List<String> scopeModels) {
        return new JwtIdentity(Caller.ADMIN, List.of(), List.of(), false, scopeModels);
    }

    static JwtIdentity user(Caller.KeyHolder holder, List<String> scopeModels) {
        return new JwtIdentity(holder, List.of(), List.of(), false, scopeModels);
    }

    static JwtIdentity team(Caller.KeyHolder holder, List<String> scopeModels) {
        return new JwtIdentity(holder, List.of(holder), List.of(holder.team().teamId()), false, scopeModels);
    }

    /** A token listing several teams; with none usable it still calls as its user, and no model passes. */
    static JwtIdentity teams(TeamChoice choice, List<String> teamIds, List<String> scopeModels) {
        return new JwtIdentity(choice.first(), choice.usable(), teamIds, true, scopeModels);
    }

    /**
     * @param usable the usable teams, each as a key holder
     * @param first who the token calls as without a model: the first usable team, or its user
     */
    record TeamChoice(List<Caller.KeyHolder> usable, Caller.KeyHolder first) {}
}
