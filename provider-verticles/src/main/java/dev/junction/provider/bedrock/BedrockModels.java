package dev.junction.provider.bedrock;

import java.util.Locale;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/** A deployment's model string as Bedrock's URLs carry it. */
final class BedrockModels {
    private BedrockModels() {}

    /**
     * The model id without LiteLLM's route prefixes: {@code converse/anthropic.claude-3-...} and {@code
     * invoke/...} name the same Bedrock model ({@code invoke/} chat is served through Converse too).
     */
    static String modelId(String upstreamModel) {
        String id = upstreamModel;
        for (String route : new String[] {"converse/", "invoke/"}) {
            if (id.startsWith(route)) {
                id = id.substring(route.length());
            }
        }
        return id;
    }

    /** {@code {base}/model/{id}/{operation}}, the id percent-encoded as one path segment, as the AWS SDKs send it. */
    static String url(String apiBase, String upstreamModel, String operation) {
        return apiBase + "/model/" + SdkHttpUtils.urlEncode(modelId(upstreamModel)) + "/" + operation;
    }

    /** The model's maker, e.g. {@code anthropic} for {@code us.anthropic.claude-3-5-sonnet-...}. */
    static String vendor(String upstreamModel) {
        String id = modelId(upstreamModel).toLowerCase(Locale.ROOT);
        int slash = id.lastIndexOf('/');
        if (slash >= 0) {
            id = id.substring(slash + 1); // an ARN's resource part
        }
        String[] parts = id.split("\\.");
        // Cross-region inference profiles put a geography first: us., eu., apac., global.
        return parts.length > 2 && parts[0].length() <= 6 ? parts[1] : parts[0];
    }
}
