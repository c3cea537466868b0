package dev.junction.config;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The region and endpoint of an AWS deployment (Bedrock, SageMaker), worked out as LiteLLM does: the region
 * from {@code aws_region_name}, else the region of a model ARN, else {@code AWS_REGION_NAME}, {@code
 * AWS_REGION} or {@code AWS_DEFAULT_REGION}, else {@code us-west-2}; the endpoint from {@code api_base}, else
 * {@code aws_bedrock_runtime_endpoint} (or {@code AWS_BEDROCK_RUNTIME_ENDPOINT}), else AWS's public endpoint of
 * the region. Resolved once at start-up, so the signing region, the URL and the region pre-call check agree.
 */
public final class AwsEndpoints {
    /** The ProviderSpec default: a template, completed per deployment by {@link #endpoint}. */
    static final String BEDROCK_DEFAULT = "https://bedrock-runtime.{region}.amazonaws.com";

    static final String SAGEMAKER_DEFAULT = "https://runtime.sagemaker.{region}.amazonaws.com";
    static final String DEFAULT_REGION = "us-west-2";
    static final String REGION_PARAM = "aws_region_name";

    private static final Pattern REGION = Pattern.compile("[a-z0-9-]+");
    private static final List<String> REGION_VARIABLES = List.of("AWS_REGION_NAME", "AWS_REGION", "AWS_DEFAULT_REGION");

    private AwsEndpoints() {}

    static boolean isAws(ProviderSpec spec) {
        return spec.family() == ProviderFamily.BEDROCK || spec.family() == ProviderFamily.SAGEMAKER;
    }

    /**
     * @param path the YAML path of {@code litellm_params}
     * @throws ConfigException when a region is not a region name
     */
    static String region(JsonObject params, String upstreamModel, String path, ParseContext context) {
        String regionPath = YamlPath.key(path, REGION_PARAM);
        String given = Fields.string(context, params.getValue(REGION_PARAM), regionPath);
        if (given == null || given.isBlank()) {
            given = arnRegion(upstreamModel);
        }
        for (int i = 0; (given == null || given.isBlank()) && i < REGION_VARIABLES.size(); i++) {
            given = context.environment().get(REGION_VARIABLES.get(i)).orElse(null);
            regionPath = "environment variable " + REGION_VARIABLES.get(i);
        }
        if (given == null || given.isBlank()) {
            return DEFAULT_REGION;
        }
        String region = given.strip();
        if (!REGION.matcher(region).matches()) {
            throw new ConfigException(regionPath, "'" + region + "' is not an AWS region name (e.g. us-east-1)");
        }
        return region;
    }

    /** The region of a model given as an ARN, {@code arn:aws:bedrock:us-east-1:123456789012:...}, or null. */
    static String arnRegion(String model) {
        int arn = model.indexOf("arn:");
        if (arn < 0) {
            return null;
        }
        String[] parts = model.substring(arn).split(":");
        return parts.length > 3 && REGION.matcher(parts[3]).matches() ? parts[3] : null;
    }

    /**
     * A provider's public endpoint in {@code region}: the AWS families' endpoints are regional, every other
     * provider's is its default as it is (null when it has none).
     */
    public static String publicEndpoint(ProviderSpec spec, String region) {
        String base = spec.defaultApiBase();
        return base == null ? null : base.replace("{region}", region == null ? DEFAULT_REGION : region);
    }

    /** The endpoint when no {@code api_base} is given. */
    static String endpoint(ProviderSpec spec, JsonObject params, String region, String path, ParseContext context) {
        if (spec.family() == ProviderFamily.BEDROCK) {
            String runtimePath = YamlPath.key(path, "aws_bedrock_runtime_endpoint");
            String runtime = Fields.string(context, params.getValue("aws_bedrock_runtime_endpoint"), runtimePath);
            if (runtime == null || runtime.isBlank()) {
                runtime = context.environment()
                        .get("AWS_BEDROCK_RUNTIME_ENDPOINT")
                        .orElse(null);
            }
            if (runtime != null && !runtime.isBlank()) {
                ApiBases.requireHttpUrl(runtime.strip(), runtimePath, context);
                return ApiBases.stripTrailingSlashes(runtime.strip());
            }
        }
        return publicEndpoint(spec, region);
    }
}
