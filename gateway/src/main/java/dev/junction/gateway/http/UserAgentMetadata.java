package dev.junction.gateway.http;

import dev.junction.cluster.bus.LlmRequest;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The client's {@code User-Agent} written into the request's {@code metadata.user_agent}, as LiteLLM's proxy
 * writes it (over any value the body set), where tag routing's {@code tag_regex} patterns read it. Done only when
 * tag filtering is on: a changed body can no longer be forwarded as the client's bytes.
 */
final class UserAgentMetadata {
    private UserAgentMetadata() {}

    static LlmRequest apply(LlmRequest request, String userAgent) {
        JsonObject body = request.body();
        Object metadata = body.getValue("metadata");
        if (metadata != null && !(metadata instanceof JsonObject)) {
            return request; // malformed: the request's validation has its say
        }
        JsonObject own = metadata == null ? new JsonObject() : ((JsonObject) metadata).copy();
        String value = userAgent == null ? "" : userAgent;
        if (value.equals(own.getValue("user_agent")) || (value.isEmpty() && !own.containsKey("user_agent"))) {
            return request;
        }
        own.put("user_agent", value);
        Map<String, Object> fields = new LinkedHashMap<>(body.getMap());
        fields.put("metadata", own);
        return request.withBody(new JsonObject(fields));
    }
}
