package dev.junction.config;

/**
 * A {@code model_list} entry left out at start-up because Junction does not speak its provider. Kept so that
 * a call to a model group left without any deployment can say why.
 *
 * @param modelName the entry's model group
 * @param provider the provider prefix (or {@code custom_llm_provider}) Junction does not support
 * @param path the YAML path of the entry's provider field
 */
public record SkippedDeployment(String modelName, String provider, String path) {}
