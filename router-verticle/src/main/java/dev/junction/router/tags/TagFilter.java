package dev.junction.router.tags;

import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Deployment;
import dev.junction.config.RouterSettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * LiteLLM's tag-based routing ({@code router_settings.enable_tag_filtering}): a request's tags (its body's
 * {@code tags} and {@code metadata.tags}, then its key's and its team's) keep the deployments whose {@code
 * litellm_params.tags} match (any of them, or all with {@code tag_filtering_match_any: false}); when none
 * matches, those tagged {@code default}; when there are none either, the request is refused. A request without
 * tags goes to the {@code default} deployments when there are any, else to all. Pure: no state.
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
     * @throws GatewayException a 401 when the request has tags and no deployment matches them nor is tagged
     *     {@code default}
     */
    public List<Deployment> apply(List<Deployment> candidates, LlmRequest request, String modelGroup) {
        Set<String> requested = requestTags(request);
        List<Deployment> defaults =
                candidates.stream().filter(d -> tagsOf(d).contains(DEFAULT_TAG)).toList();
        if (requested.isEmpty()) {
            return defaults.isEmpty() ? candidates : defaults;
        }
        List<Deployment> matching =
                candidates.stream().filter(d -> matches(tagsOf(d), requested)).toList();
        if (!matching.isEmpty()) {
            return matching;
        }
        if (!defaults.isEmpty()) {
            return defaults;
        }
        throw GatewayException.of(
                ErrorKind.AUTHENTICATION,
                NOT_ALLOWED + ". Passed model=" + modelGroup + " and tags=" + List.copyOf(requested));
    }

    private boolean matches(Set<String> deploymentTags, Set<String> requested) {
        if (deploymentTags.isEmpty()) {
            return false;
        }
        return matchAny ? requested.stream().anyMatch(deploymentTags::contains) : deploymentTags.containsAll(requested);
    }

    /** The body's {@code tags} and {@code metadata.tags}, then the key's and team's, without repeats. */
    static Set<String> requestTags(LlmRequest request) {
        Set<String> tags = new LinkedHashSet<>();
        JsonObject body = request.body();
        addStrings(tags, body.getValue("tags"));
        if (body.getValue("metadata") instanceof JsonObject metadata) {
            addStrings(tags, metadata.getValue("tags"));
        }
        if (request.grant() != null) {
            tags.addAll(request.grant().tags());
        }
        return tags;
    }

    static Set<String> tagsOf(Deployment deployment) {
        Set<String> tags = new LinkedHashSet<>();
        addStrings(tags, deployment.litellmParams().getValue("tags"));
        return tags;
    }

    private static void addStrings(Set<String> into, Object value) {
        if (value instanceof JsonArray list) {
            list.forEach(item -> {
                if (item instanceof String text) {
                    into.add(text);
                }
            });
        }
    }
}
