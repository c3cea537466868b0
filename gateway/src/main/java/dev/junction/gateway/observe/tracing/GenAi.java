package dev.junction.gateway.observe.tracing;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/** The OpenTelemetry GenAI semantic-convention attributes Junction sets, and its own. */
final class GenAi {
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("gen_ai.system");
    static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
    static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<Long> REQUEST_MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");
    static final AttributeKey<Double> REQUEST_TEMPERATURE = AttributeKey.doubleKey("gen_ai.request.temperature");
    static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    static final AttributeKey<List<String>> FINISH_REASONS =
            AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
    static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    /** Opt-in content: the request's messages and the answer, as JSON. */
    static final AttributeKey<String> INPUT_MESSAGES = AttributeKey.stringKey("gen_ai.input.messages");

    static final AttributeKey<String> OUTPUT_MESSAGES = AttributeKey.stringKey("gen_ai.output.messages");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");

    static final AttributeKey<String> CALL_ID = AttributeKey.stringKey("litellm.call_id");
    static final AttributeKey<String> MODEL_GROUP = AttributeKey.stringKey("litellm.model_group");
    static final AttributeKey<String> MODEL_ID = AttributeKey.stringKey("litellm.model_id");
    static final AttributeKey<String> API_BASE = AttributeKey.stringKey("litellm.api_base");
    static final AttributeKey<Long> RETRY = AttributeKey.longKey("litellm.retry");
    static final AttributeKey<Double> COST = AttributeKey.doubleKey("litellm.response_cost");
    static final AttributeKey<Boolean> STREAM = AttributeKey.booleanKey("gen_ai.request.stream");
    static final AttributeKey<String> KEY_HASH = AttributeKey.stringKey("litellm.api_key_hash");
    static final AttributeKey<String> KEY_ALIAS = AttributeKey.stringKey("litellm.api_key_alias");
    static final AttributeKey<String> TEAM = AttributeKey.stringKey("litellm.team_id");
    static final AttributeKey<String> CHECK_SUBJECT = AttributeKey.stringKey("litellm.check.subject");
    static final AttributeKey<Boolean> ADMITTED = AttributeKey.booleanKey("litellm.check.admitted");
    static final AttributeKey<String> FALLBACK_FROM = AttributeKey.stringKey("litellm.fallback.from");
    static final AttributeKey<String> FALLBACK_TO = AttributeKey.stringKey("litellm.fallback.to");
    static final AttributeKey<Boolean> FALLBACK_OK = AttributeKey.booleanKey("litellm.fallback.succeeded");

    private GenAi() {}

    /**
     * The GenAI operation of an OpenAI path: {@code chat}, {@code text_completion}, {@code embeddings}; the others
     * by their mode ({@code image_generation}, ...).
     */
    static String operation(dev.junction.cluster.bus.Endpoint endpoint) {
        return switch (endpoint) {
            case CHAT_COMPLETIONS -> "chat";
            case COMPLETIONS -> "text_completion";
            case EMBEDDINGS -> "embeddings";
                // No GenAI operation names these yet: the endpoint's mode, as LiteLLM's model_info names it.
            default -> endpoint.mode();
        };
    }
}
