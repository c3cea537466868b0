package dev.junction.gateway.surface;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Another API's request as chat completions.
 *
 * @param chat the chat request body
 * @param untranslated what chat could not carry, each naming its field: such a request can only go to a
 *     deployment that speaks the original API (see {@link dev.junction.cluster.bus.SurfaceRequest})
 */
public record Translation(JsonObject chat, List<String> untranslated) {
    public Translation {
        untranslated = List.copyOf(untranslated);
    }
}
