package dev.junction.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A list of routes as LiteLLM's route settings take them ({@code allowed_routes}, {@code public_routes},
 * {@code admin_only_routes}, the JWT role routes): exact paths ({@code /v1/chat/completions}), paths with
 * placeholders ({@code /key/{key}/regenerate}), prefixes ending in {@code *} ({@code /team/*}) and named
 * groups ({@code openai_routes}, {@code LiteLLMRoutes.info_routes}). Immutable.
 */
public final class RouteList {
    public static final RouteList NONE = new RouteList(List.of(), List.of());

    private final List<String> entries;
    private final List<Pattern> patterns;

    private RouteList(List<String> entries, List<Pattern> patterns) {
        this.entries = List.copyOf(entries);
        this.patterns = List.copyOf(patterns);
    }

    /**
     * The routes of {@code entries}; each must start with {@code /} or name a group.
     *
     * @throws IllegalArgumentException naming the first entry that is neither
     */
    public static RouteList of(List<String> entries) {
        List<Pattern> patterns = new ArrayList<>();
        for (String entry : entries) {
            String route = entry.strip();
            if (route.startsWith("/")) {
                patterns.add(pattern(route));
            } else {
                List<String> group = RouteGroups.named(route)
                        .orElseThrow(() -> new IllegalArgumentException("'" + route
                                + "' is neither a route (starting with /) nor a route group ("
                                + String.join(", ", RouteGroups.names()) + ")"));
                group.forEach(member -> patterns.add(pattern(member)));
            }
        }
        return new RouteList(entries, patterns);
    }

    /** Whether {@code route} (a request path) is on the list. */
    public boolean matches(String route) {
        for (Pattern pattern : patterns) {
            if (pattern.matcher(route).matches()) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The entries as configured, for messages. */
    public List<String> entries() {
        return entries;
    }

    private static Pattern pattern(String route) {
        boolean prefix = route.endsWith("*");
        String body = prefix ? route.substring(0, route.length() - 1) : route;
        StringBuilder regex = new StringBuilder();
        int start = 0;
        int open = body.indexOf('{');
        while (open >= 0 && body.indexOf('}', open) > open) {
            int close = body.indexOf('}', open);
            regex.append(Pattern.quote(body.substring(start, open))).append("[^/]+");
            start = close + 1;
            open = body.indexOf('{', start);
        }
        regex.append(Pattern.quote(body.substring(start)));
        if (prefix) {
            regex.append(".*");
        }
        return Pattern.compile(regex.toString());
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
