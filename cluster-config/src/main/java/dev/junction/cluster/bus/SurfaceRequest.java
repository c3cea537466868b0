package dev.junction.cluster.bus;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A request that arrived on another inbound API than chat completions, as its client sent it. The request's
 * own body is its translation to chat; a provider that speaks this API natively sends this one instead.
 *
 * @param surface the inbound API
 * @param body the client's body in that API's format (after Junction's own expansions, such as a Responses
 *     conversation continued from {@code previous_response_id}); shared by reference, never mutated
 * @param headers client headers a native upstream should see too ({@code anthropic-beta}, ...)
 * @param untranslated what the chat translation could not carry (each a short description naming the field):
 *     such a request may go only to a deployment that speaks {@code surface} natively
 */
public record SurfaceRequest(Surface surface, JsonObject body, Map<String, String> headers, List<String> untranslated) {
    public SurfaceRequest {
        Objects.requireNonNull(surface, "surface");
        Objects.requireNonNull(body, "body");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        untranslated = untranslated == null ? List.of() : List.copyOf(untranslated);
    }
}
