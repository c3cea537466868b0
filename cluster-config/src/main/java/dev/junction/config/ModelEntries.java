package dev.junction.config;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * One {@code model_list} entry given at run time (LiteLLM's {@code /model/new} body), read by the same rules as
 * the config file's: the same validation, the same ids, the same messages, with paths under {@code model}.
 */
public final class ModelEntries {
    private static final String PATH = "model";

    private ModelEntries() {}

    /**
     * @param entry {@code model_name}, {@code litellm_params} and optionally {@code model_info}
     * @param env what {@code os.environ/} references resolve against
     * @return the entry's deployments (one per organisation, as in the file)
     * @throws ConfigException naming the path of the first problem, or the provider Junction does not speak
     */
    public static List<Deployment> parse(JsonObject entry, Map<String, String> env) {
        ParseContext context = new ParseContext(Environment.of(env));
        JsonObject resolved = EnvSubstitution.resolve(YamlValues.normalize(entry), PATH, context);
        List<Deployment> deployments = ModelListParser.parseEntry(resolved, PATH, context);
        if (deployments.isEmpty()) {
            String reason = context.skipped().isEmpty()
                    ? "creates no deployment"
                    : "names provider '" + context.skipped().get(0).provider() + "', which Junction does not support";
            throw new ConfigException(PATH, reason);
        }
        return deployments;
    }
}
