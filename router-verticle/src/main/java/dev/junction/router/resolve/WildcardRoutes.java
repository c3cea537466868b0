package dev.junction.router.resolve;

import dev.junction.config.Deployment;
import dev.junction.config.ProviderCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The wildcard {@code model_name}s of the config, tried most specific first. A request is matched as given,
 * then with its inferred provider in front ({@code gpt-4o} as {@code openai/gpt-4o}), so that a bare model
 * name can reach an {@code openai/*} route.
 */
final class WildcardRoutes {
    private final List<WildcardPattern> patterns;

    WildcardRoutes(List<Deployment> deployments) {
        Map<String, WildcardPattern> byName = new LinkedHashMap<>();
        for (Deployment deployment : deployments) {
            if (WildcardPattern.isWildcard(deployment.modelName())) {
                byName.computeIfAbsent(deployment.modelName(), WildcardPattern::new)
                        .add(deployment);
            }
        }
        List<WildcardPattern> sorted = new ArrayList<>(byName.values());
        sorted.sort(WildcardPattern.MOST_SPECIFIC_FIRST);
        this.patterns = List.copyOf(sorted);
    }

    boolean isEmpty() {
        return patterns.isEmpty();
    }

    /** The regexes in the order they are tried, for tests and diagnostics. */
    List<String> order() {
        return patterns.stream().map(WildcardPattern::regexText).toList();
    }

    Optional<Resolution> resolve(String request) {
        Optional<Resolution> direct = resolveAs(request, request);
        if (direct.isPresent() || hasKnownPrefix(request)) {
            return direct;
        }
        String withProvider = ProviderCatalog.forBareModel(request).prefix() + "/" + request;
        return resolveAs(request, withProvider);
    }

    // Only the first matching pattern counts, as in LiteLLM: a less specific one is not tried when the most
    // specific match yields no callable deployment.
    private Optional<Resolution> resolveAs(String request, String candidate) {
        for (WildcardPattern pattern : patterns) {
            Optional<List<String>> segments = pattern.match(candidate);
            if (segments.isPresent()) {
                return concrete(request, candidate, pattern, segments.get());
            }
        }
        return Optional.empty();
    }

    private static Optional<Resolution> concrete(
            String request, String matched, WildcardPattern pattern, List<String> segments) {
        List<Deployment> copies = new ArrayList<>();
        for (Deployment wildcard : pattern.deployments()) {
            String model = WildcardPattern.substitute(wildcard.litellmModel(), segments, matched);
            WildcardTarget.of(wildcard, model).ifPresent(copies::add);
        }
        return copies.isEmpty() ? Optional.empty() : Optional.of(new Resolution(request, copies, false, true, null));
    }

    private static boolean hasKnownPrefix(String request) {
        int slash = request.indexOf('/');
        return slash > 0
                && ProviderCatalog.byPrefix(request.substring(0, slash)).isPresent();
    }
}
