package dev.junction.gateway.keys;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Deployment;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Which models a key (and its team) may call, by LiteLLM's rules: an empty list or {@code all-proxy-models}
 * allows every model; otherwise a model must be listed by name, belong to a listed access group ({@code
 * model_info.access_groups}), or match a listed wildcard ({@code openai/*}). A key listing {@code
 * all-team-models} takes its team's list. A team key must pass both lists. A name passes when it or what the
 * team's or key's aliases turn it into passes. Access groups follow the deployments served now (the model API
 * changes them).
 */
public final class ModelAccess {
    static final String ALL_PROXY_MODELS = "all-proxy-models";
    static final String ALL_TEAM_MODELS = "all-team-models";
    /** LiteLLM's entry that allows no model at all: a user restricted to team keys. */
    static final String NO_DEFAULT_MODELS = "no-default-models";

    private final AccessGroups groups;

    private ModelAccess(AccessGroups groups) {
        this.groups = groups;
    }

    public static ModelAccess of(List<Deployment> deployments) {
        List<Deployment> fixed = List.copyOf(deployments);
        return live(() -> fixed);
    }

    /**
     * Access groups read from the deployments served now, so that a model added, updated or deleted through
     * the model API joins or leaves its {@code model_info.access_groups} at once.
     *
     * @param deployments the deployments served now; a new list object for each change
     */
    public static ModelAccess live(Supplier<List<Deployment>> deployments) {
        return new ModelAccess(new AccessGroups(deployments));
    }

    /**
     * Checks a request's model and every model its client-side {@code fallbacks} name; fails with LiteLLM's
     * 401 {@code key_model_access_denied} (or {@code team_model_access_denied}) naming the model.
     */
    public void check(Caller.KeyHolder holder, String model, JsonObject body) {
        Set<String> models = new LinkedHashSet<>();
        models.add(model);
        models.addAll(fallbackModels(body));
        for (String each : models) {
            checkOne(holder, each);
        }
    }

    /** The names of the access groups ({@code model_info.access_groups}) the config defines. */
    public Set<String> accessGroups() {
        return groups.members().keySet();
    }

    /** The model a key's request is routed to: the team's alias first, then the key's own. */
    public static String rewrite(Caller.KeyHolder holder, String model) {
        String name = model;
        if (holder.team() != null) {
            name = holder.team().modelAliases().getOrDefault(name, name);
        }
        return holder.key().aliases().getOrDefault(name, name);
    }

    /** Whether a key may see a model in {@code /models}. */
    public boolean allows(Caller.KeyHolder holder, String model) {
        try {
            checkOne(holder, model);
            return true;
        } catch (GatewayException denied) {
            return false;
        }
    }

    /**
     * Whether a key's calls may reach a model group: by its own name, or through a name the key may call that
     * its team's or its own aliases turn into the group.
     */
    public boolean reaches(Caller.KeyHolder holder, String group) {
        if (allows(holder, group)) {
            return true;
        }
        Set<String> aliases = new LinkedHashSet<>(holder.key().aliases().keySet());
        if (holder.team() != null) {
            aliases.addAll(holder.team().modelAliases().keySet());
        }
        for (String alias : aliases) {
            if (rewrite(holder, alias).equals(group) && allows(holder, alias)) {
                return true;
            }
        }
        return false;
    }

    private void checkOne(Caller.KeyHolder holder, String model) {
        Team team = holder.team();
        List<String> candidates = candidates(holder, model);
        List<String> keyModels = holder.key().models();
        boolean deferToTeam = keyModels.contains(ALL_TEAM_MODELS);
        if (!deferToTeam && !anyAllowed(keyModels, candidates)) {
            throw denied(ErrorKind.KEY_MODEL_ACCESS_DENIED, "key", keyModels, model);
        }
        User user = holder.user();
        if (team == null && user != null && !anyAllowed(user.models(), candidates)) {
            // A user's models bound the user's own keys; a team key answers to its team's list instead.
            throw denied(ErrorKind.USER_MODEL_ACCESS_DENIED, "user", user.models(), model);
        }
        if (team != null) {
            List<String> teamCandidates = new ArrayList<>(candidates);
            if (team.modelAliases().containsKey(model)) {
                // LiteLLM lets a team key call its team's aliases whatever the team's list says.
                return;
            }
            if (!anyAllowed(team.models(), teamCandidates)) {
                throw denied(ErrorKind.TEAM_MODEL_ACCESS_DENIED, "team", team.models(), model);
            }
            Organization organization = holder.organization();
            if (organization != null && !anyAllowed(organization.models(), teamCandidates)) {
                throw denied(ErrorKind.ORG_MODEL_ACCESS_DENIED, "org", organization.models(), model);
            }
        }
    }

    private static List<String> candidates(Caller.KeyHolder holder, String model) {
        List<String> names = new ArrayList<>(3);
        names.add(model);
        if (holder.team() != null && holder.team().modelAliases().containsKey(model)) {
            names.add(holder.team().modelAliases().get(model));
        }
        if (holder.key().aliases().containsKey(model)) {
            names.add(holder.key().aliases().get(model));
        }
        return names;
    }

    private boolean anyAllowed(List<String> allowed, List<String> candidates) {
        if (allowed.contains(NO_DEFAULT_MODELS)) {
            return false;
        }
        if (allowed.isEmpty() || allowed.contains(ALL_PROXY_MODELS)) {
            return true;
        }
        Map<String, Set<String>> accessGroups = groups.members();
        for (String candidate : candidates) {
            for (String entry : allowed) {
                if (entry.equals(candidate)
                        || accessGroups.getOrDefault(entry, Set.of()).contains(candidate)
                        || wildcardMatches(entry, candidate)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean wildcardMatches(String pattern, String model) {
        int star = pattern.indexOf('*');
        if (star < 0) {
            return false;
        }
        String prefix = pattern.substring(0, star);
        String suffix = pattern.substring(star + 1);
        return model.length() >= prefix.length() + suffix.length()
                && model.startsWith(prefix)
                && model.endsWith(suffix);
    }

    /** Every model name in the body's {@code fallbacks}, in either of LiteLLM's shapes. */
    private static List<String> fallbackModels(JsonObject body) {
        List<String> names = new ArrayList<>();
        if (!(body.getValue("fallbacks") instanceof JsonArray items)) {
            return names;
        }
        for (Object item : items) {
            if (item instanceof String name) {
                names.add(name);
            } else if (item instanceof JsonObject map) {
                if (map.getValue("model") instanceof String name) {
                    names.add(name);
                } else {
                    for (String group : map.fieldNames()) {
                        if (map.getValue(group) instanceof JsonArray targets) {
                            targets.forEach(target -> names.add(String.valueOf(target)));
                        }
                    }
                }
            }
        }
        return names;
    }

    private static GatewayException denied(ErrorKind kind, String holder, List<String> allowed, String model) {
        return GatewayException.of(
                        kind,
                        "Authentication Error, " + holder + " not allowed to access model. This " + holder
                                + " can only access models=" + allowed + ". Tried to access " + model)
                .withParam("model");
    }
}
