package dev.junction.router.tags;

import dev.junction.config.Deployment;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A deployment's side of tag routing: its {@code litellm_params.tags} and its {@code tag_regex} patterns (checked
 * when the config is read, compiled once here).
 */
final class DeploymentTags {
    private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

    private DeploymentTags() {}

    static Set<String> of(Deployment deployment) {
        Set<String> tags = new LinkedHashSet<>();
        RequestTags.addStrings(tags, deployment.litellmParams().getValue("tags"));
        return tags;
    }

    static boolean hasRegexes(Deployment deployment) {
        return deployment.litellmParams().getValue("tag_regex") instanceof io.vertx.core.json.JsonArray list
                && !list.isEmpty();
    }

    /** Carries none of the excluded tags and every required one. */
    static boolean allowedBy(Deployment deployment, RequestTags tags) {
        if (!tags.hasConstraints()) {
            return true;
        }
        Set<String> own = of(deployment);
        return own.containsAll(tags.required()) && tags.excluded().stream().noneMatch(own::contains);
    }

    static boolean carriesAny(Deployment deployment, Set<String> tags) {
        Set<String> own = of(deployment);
        return tags.stream().anyMatch(own::contains);
    }

    /**
     * Its tags match the request's plain ones (any, or all with {@code matchAny} false); else one of its {@code
     * tag_regex} patterns is found in a header line, unless {@code matchAny} is false and it has plain tags (a
     * pattern may not get round a strict tag policy, as in LiteLLM).
     */
    static boolean matches(Deployment deployment, Set<String> plain, List<String> headerLines, boolean matchAny) {
        Set<String> own = of(deployment);
        if (!own.isEmpty() && !plain.isEmpty()) {
            boolean tagged = matchAny ? plain.stream().anyMatch(own::contains) : own.containsAll(plain);
            if (tagged) {
                return true;
            }
        }
        if (headerLines.isEmpty() || (!matchAny && !own.isEmpty())) {
            return false;
        }
        for (Pattern pattern : regexes(deployment)) {
            if (headerLines.stream().anyMatch(line -> pattern.matcher(line).find())) {
                return true;
            }
        }
        return false;
    }

    private static List<Pattern> regexes(Deployment deployment) {
        Set<String> sources = new LinkedHashSet<>();
        RequestTags.addStrings(sources, deployment.litellmParams().getValue("tag_regex"));
        List<Pattern> patterns = new ArrayList<>(sources.size());
        for (String source : sources) {
            try {
                patterns.add(COMPILED.computeIfAbsent(source, Pattern::compile));
            } catch (PatternSyntaxException invalid) {
                // The config loader refuses these; one arriving anyway is skipped, as LiteLLM skips it.
            }
        }
        return patterns;
    }
}
