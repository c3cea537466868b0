package dev.junction.router.tags;

import dev.junction.cluster.bus.LlmRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A request's tags as LiteLLM's tag routing reads them: its body's {@code tags} and {@code metadata.tags}, then
 * its key's and team's, split into plain tags, required ones ({@code &tag}: a deployment must carry each) and
 * excluded ones ({@code !tag}: a deployment carrying it is left out); a marker with nothing after it counts as
 * none of them. {@code userAgent} is the client's {@code User-Agent} header, which the gateway puts in {@code
 * metadata.user_agent} when tag filtering is on, as LiteLLM's proxy does; {@code tag_regex} patterns match it.
 *
 * @param all every tag as sent, for the refusal's message
 * @param userAgent the client's User-Agent, or null when it sent none
 */
record RequestTags(List<String> all, Set<String> plain, Set<String> required, Set<String> excluded, String userAgent) {
    static final String REQUIRE = "&";
    static final String EXCLUDE = "!";

    static RequestTags of(LlmRequest request) {
        Set<String> tags = new LinkedHashSet<>();
        JsonObject body = request.body();
        addStrings(tags, body.getValue("tags"));
        String userAgent = null;
        if (body.getValue("metadata") instanceof JsonObject metadata) {
            addStrings(tags, metadata.getValue("tags"));
            if (metadata.getValue("user_agent") instanceof String agent && !agent.isEmpty()) {
                userAgent = agent;
            }
        }
        if (request.grant() != null) {
            tags.addAll(request.grant().tags());
        }
        Set<String> plain = new LinkedHashSet<>();
        Set<String> required = new LinkedHashSet<>();
        Set<String> excluded = new LinkedHashSet<>();
        for (String tag : tags) {
            if (tag.startsWith(REQUIRE)) {
                addBare(required, tag);
            } else if (tag.startsWith(EXCLUDE)) {
                addBare(excluded, tag);
            } else {
                plain.add(tag);
            }
        }
        return new RequestTags(List.copyOf(tags), plain, required, excluded, userAgent);
    }

    /** What {@code tag_regex} patterns are matched against: {@code "User-Agent: <value>"}, as LiteLLM builds it. */
    List<String> headerLines() {
        return userAgent == null ? List.of() : List.of("User-Agent: " + userAgent);
    }

    boolean hasConstraints() {
        return !required.isEmpty() || !excluded.isEmpty();
    }

    private static void addBare(Set<String> into, String marked) {
        if (marked.length() > 1) {
            into.add(marked.substring(1));
        }
    }

    static void addStrings(Set<String> into, Object value) {
        if (value instanceof JsonArray list) {
            List<String> strings = new ArrayList<>();
            list.forEach(item -> {
                if (item instanceof String text) {
                    strings.add(text);
                }
            });
            into.addAll(strings);
        }
    }
}
