package dev.junction.router;

import dev.junction.config.Deployment;
import dev.junction.config.ProviderCatalog;
import dev.junction.config.ProviderSpec;
import dev.junction.config.RouterSettings;
import dev.junction.config.Secret;
import io.vertx.core.json.JsonObject;

/** Builds {@link Deployment} records directly, the way the config loader would, for unit tests. */
public final class TestDeployments {
    private final String id;
    private final String group;
    private String model;
    private final JsonObject params = new JsonObject();
    private final JsonObject info = new JsonObject();

    private TestDeployments(String id, String group) {
        this.id = id;
        this.group = group;
        this.model = group.contains("*") ? "openai/*" : "openai/" + group;
    }

    public static TestDeployments deployment(String id, String group) {
        return new TestDeployments(id, group);
    }

    /** A plain OpenAI deployment {@code id} in {@code group}. */
    public static Deployment openai(String id, String group) {
        return deployment(id, group).build();
    }

    public TestDeployments model(String litellmModel) {
        this.model = litellmModel;
        return this;
    }

    public TestDeployments param(String key, Object value) {
        params.put(key, value);
        return this;
    }

    public TestDeployments info(String key, Object value) {
        info.put(key, value);
        return this;
    }

    public Deployment build() {
        int slash = model.indexOf('/');
        ProviderSpec provider = slash < 0
                ? ProviderCatalog.forBareModel(model)
                : ProviderCatalog.byPrefix(model.substring(0, slash)).orElseThrow();
        String upstream = slash < 0 ? model : model.substring(slash + 1);
        JsonObject allParams = params.copy().put("model", model);
        String apiBase = params.getString("api_base", provider.defaultApiBase());
        return new Deployment(
                id,
                group,
                model,
                provider,
                upstream,
                apiBase,
                Secret.of("sk-test"),
                allParams,
                info.copy().put("id", id));
    }

    /** Router settings whose merged map is {@code merged}. */
    public static RouterSettings settings(JsonObject merged) {
        return new RouterSettings(RouterSettings.DEFAULT_TIMEOUT, null, merged);
    }
}
