package dev.junction.router.tags;

import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Deployment;
import dev.junction.config.RouterSettings;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * LiteLLM's tag-based routing ({@code router_settings.enable_tag_filtering}), as its {@code tag_based_routing}
 * decides (see {@link RequestTags} for how a request's tags are read). First {@code !tag} leaves out the
 * deployments carrying that tag and {@code &tag} keeps only those carrying it. Then:
 *
 * <ul>
 *   <li>with plain tags (or a User-Agent that a remaining deployment's {@code tag_regex} could match), the
 *       deployments matching them (any plain tag, or all with {@code tag_filtering_match_any: false}; else one of
 *       their {@code tag_regex} patterns) are kept; when none does, those tagged {@code default}, unless a
 *       deployment of the group carries one of the plain tags (its deployments were left out: refused);
 *   <li>with only {@code !}/{@code &} tags, what remains of them (from the {@code default} deployments when
 *       only {@code !} tags were given and the group has any);
 *   <li>without tags, the {@code default} deployments when there are any, else all.
 * </ul>
 *
 * Nothing left is refused with LiteLLM's 401. Pure: no state.
 */
public final class TagFilter {
    static final String DEFAULT_TAG = "default";
    /** LiteLLM's words, which its proxy answers with a 401. */
    static final String NOT_ALLOWED = "Not allowed to access model due to tags configuration";

    private final boolean matchAny;

    private TagFilter(boolean matchAny) {
        this.matchAny = matchAny;
    }

    /** Null when {@code enable_tag_filtering} is off: every deployment stays a candidate. */
    public static TagFilter fromSettings(RouterSettings settings) {
        JsonObject merged = settings.merged();
        if (!merged.getBoolean("enable_tag_filtering", false)) {
            return null;
        }
        return new TagFilter(merged.getBoolean("tag_filtering_match_any", true));
    }

    /**
     * @param candidates the group's deployments that could take the call
     * @param group every deployment of the group, those cooling down included
     * @throws GatewayException a 401 when no deployment is left
     */
    public List<Deployment> apply(
            List<Deployment> candidates, List<Deployment> group, LlmRequest request, String modelGroup) {
        RequestTags tags = RequestTags.of(request);
        List<Deployment> pool = candidates.stream()
                .filter(d -> DeploymentTags.allowedBy(d, tags))
                .toList();
        List<String> headers = tags.headerLines();
        boolean regexCanMatch =
                !headers.isEmpty() && tags.required().isEmpty() && pool.stream().anyMatch(DeploymentTags::hasRegexes);
        if (!tags.plain().isEmpty() || regexCanMatch) {
            return byMatch(pool, group, tags, modelGroup);
        }
        if (tags.hasConstraints()) {
            List<Deployment> from = tags.required().isEmpty() ? defaultsOrAll(candidates) : candidates;
            List<Deployment> kept =
                    from.stream().filter(d -> DeploymentTags.allowedBy(d, tags)).toList();
            return orRefuse(kept, tags, modelGroup);
        }
        return defaultsOrAll(candidates);
    }

    private List<Deployment> byMatch(
            List<Deployment> pool, List<Deployment> group, RequestTags tags, String modelGroup) {
        List<String> headers = tags.headerLines();
        List<Deployment> matching = pool.stream()
                .filter(d -> DeploymentTags.matches(d, tags.plain(), headers, matchAny))
                .toList();
        if (!matching.isEmpty()) {
            return matching;
        }
        boolean knownTag = group.stream().anyMatch(d -> DeploymentTags.carriesAny(d, tags.plain()));
        return orRefuse(knownTag ? List.of() : defaults(pool), tags, modelGroup);
    }

    private static List<Deployment> orRefuse(List<Deployment> kept, RequestTags tags, String modelGroup) {
        if (kept.isEmpty()) {
            throw GatewayException.of(
                    ErrorKind.AUTHENTICATION, NOT_ALLOWED + ". Passed model=" + modelGroup + " and tags=" + tags.all());
        }
        return kept;
    }

    private static List<Deployment> defaults(List<Deployment> deployments) {
        return deployments.stream()
                .filter(d -> DeploymentTags.of(d).contains(DEFAULT_TAG))
                .toList();
    }

    private static List<Deployment> defaultsOrAll(List<Deployment> deployments) {
        List<Deployment> defaults = defaults(deployments);
        return defaults.isEmpty() ? deployments : defaults;
    }
}
