package dev.junction.router;

import dev.junction.config.Deployment;
import dev.junction.config.ProviderCatalog;
import dev.junction.config.ProviderSpec;
import io.vertx.core.json.JsonObject;

/** Builds deployments for unit tests the way the config parser would, without a YAML file. */
public final class TestModelDeployments {
    private final String litellmModel;
    private final JsonObject params = new JsonObject();
    private final JsonObject modelInfo = new JsonObject();
    private String id;
    private String group = "group";

    private TestModelDeployments(String litellmModel) {
        this.litellmModel = litellmModel;
        this.id = litellmModel;
        params.put("model", litellmModel);
    }

    public static TestModelDeployments of(String litellmModel) {
        return new TestModelDeployments(litellmModel);
    }

    public TestModelDeployments id(String value) {
        id = value;
        return this;
    }

    public TestModelDeployments group(String value) {
        group = value;
        return this;
    }

    public TestModelDeployments param(String key, Object value) {
        params.put(key, value);
        return this;
    }

    public TestModelDeployments info(String key, Object value) {
        modelInfo.put(key, value);
        return this;
    }

    public Deployment build() {
        int slash = litellmModel.indexOf('/');
        ProviderSpec spec = slash < 0
                ? null
                : ProviderCatalog.byPrefix(litellmModel.substring(0, slash)).orElse(null);
        String upstream = spec == null ? litellmModel : litellmModel.substring(slash + 1);
        if (spec == null) {
            spec = ProviderCatalog.forBareModel(litellmModel);
        }
        return new Deployment(
                id,
                group,
                litellmModel,
                spec,
                upstream,
                spec.defaultApiBase(),
                null,
                params,
                modelInfo.copy().put("id", id));
    }
}
