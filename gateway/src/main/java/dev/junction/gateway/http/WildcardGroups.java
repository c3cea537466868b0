package dev.junction.gateway.http;

import dev.junction.config.Deployment;
import dev.junction.router.model.ModelEntry;
import dev.junction.router.model.ModelTable;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * What a wildcard model group ({@code anthropic/*}) can route to, for {@code /model_group/info}: the models of its
 * deployment's provider in the shipped model table, each as a group of its own (its name the pattern with the
 * model in place of {@code *}), with the table's context window and mode.
 */
final class WildcardGroups {
    private final ModelTable table;

    WildcardGroups(ModelTable table) {
        this.table = table;
    }

    /** The concrete groups behind {@code pattern}, the model group of the wildcard {@code deployment}. */
    List<JsonObject> expand(String pattern, Deployment deployment) {
        String provider = deployment.provider().prefix();
        String upstream = deployment.litellmModel().startsWith(provider + "/")
                ? deployment.litellmModel().substring(provider.length() + 1)
                : deployment.litellmModel();
        int star = upstream.indexOf('*');
        if (star < 0 || pattern.indexOf('*') < 0) {
            return List.of();
        }
        String before = upstream.substring(0, star);
        String after = upstream.substring(star + 1);
        List<JsonObject> groups = new ArrayList<>();
        for (ModelEntry entry : table.ofProvider(provider)) {
            String bare =
                    entry.key().startsWith(provider + "/") ? entry.key().substring(provider.length() + 1) : entry.key();
            if (bare.length() <= before.length() + after.length()
                    || !bare.startsWith(before)
                    || !bare.endsWith(after)) {
                continue;
            }
            String matched = bare.substring(before.length(), bare.length() - after.length());
            groups.add(group(
                    pattern.replaceFirst("\\*", java.util.regex.Matcher.quoteReplacement(matched)), provider, entry));
        }
        return groups;
    }

    private static JsonObject group(String name, String provider, ModelEntry entry) {
        return new JsonObject()
                .put("model_group", name)
                .put("providers", new JsonArray().add(provider))
                .put(
                        "max_input_tokens",
                        entry.maxInputTokens().isPresent()
                                ? entry.maxInputTokens().getAsLong()
                                : null)
                .put(
                        "max_output_tokens",
                        entry.maxOutputTokens().isPresent()
                                ? entry.maxOutputTokens().getAsLong()
                                : null)
                .put("mode", entry.mode() == null ? "chat" : entry.mode())
                .put("tpm", null)
                .put("rpm", null);
    }
}
