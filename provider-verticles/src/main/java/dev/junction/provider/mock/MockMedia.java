package dev.junction.provider.mock;

import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.Usage;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Mock answers of the operations that are not text generation, in OpenAI's (and for rerank Cohere's) shapes:
 * the mock text as the image URL, the transcript or the spoken audio; nothing flagged; documents ranked in
 * the order given.
 */
final class MockMedia {
    private MockMedia() {}

    static ProviderReply respond(ProviderCall call, String mock, String model) {
        JsonObject request = call.request().body();
        long created = System.currentTimeMillis() / 1000;
        JsonObject body =
                switch (call.request().endpoint()) {
                    case IMAGE_GENERATIONS -> images(mock, request, created);
                    case AUDIO_TRANSCRIPTIONS -> new JsonObject().put("text", mock);
                    case MODERATIONS -> moderation(model);
                    case RERANK -> rerank(request);
                    default -> null;
                };
        if (body == null) {
            return new ProviderReply.Complete(Buffer.buffer(mock), Usage.NONE, null, "audio/mpeg", false);
        }
        return new ProviderReply.Complete(body.toBuffer(), Usage.NONE, null);
    }

    private static JsonObject images(String mock, JsonObject request, long created) {
        int count = request.getValue("n") instanceof Number n ? Math.max(1, n.intValue()) : 1;
        JsonArray data = new JsonArray();
        for (int i = 0; i < count; i++) {
            data.add(new JsonObject().put("url", mock));
        }
        return new JsonObject().put("created", created).put("data", data);
    }

    private static JsonObject moderation(String model) {
        JsonObject result = new JsonObject()
                .put("flagged", false)
                .put("categories", new JsonObject())
                .put("category_scores", new JsonObject());
        return new JsonObject().put("id", "modr-mock").put("model", model).put("results", new JsonArray().add(result));
    }

    private static JsonObject rerank(JsonObject request) {
        int documents = request.getValue("documents") instanceof JsonArray list ? list.size() : 0;
        JsonArray results = new JsonArray();
        for (int i = 0; i < documents; i++) {
            results.add(new JsonObject().put("index", i).put("relevance_score", 1.0 / (i + 1)));
        }
        return new JsonObject()
                .put("id", "rerank-mock")
                .put("results", results)
                .put("meta", new JsonObject().put("billed_units", new JsonObject().put("search_units", 1)));
    }
}
