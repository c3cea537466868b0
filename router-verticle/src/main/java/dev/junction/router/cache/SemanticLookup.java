package dev.junction.router.cache;

import dev.junction.cluster.bus.Cancellation;
import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.KeyGrant;
import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.RoutedReply;
import dev.junction.cluster.cache.PromptVector;
import dev.junction.cluster.cache.VectorIndex;
import dev.junction.cluster.cache.VectorMatch;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.CacheSettings;
import dev.junction.config.Sha256;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Function;

/**
 * The semantic half of {@code redis-semantic} and {@code qdrant-semantic}: a prompt is embedded by the configured
 * embedding model group, through the router like any call, and the nearest cached prompt of the same scope
 * answers when its cosine similarity reaches {@code similarity_threshold}.
 *
 * <p>The scope keeps apart what must not be mixed: the model group and the other parameters (hashed, as LiteLLM's
 * semantic key does without the prompt), the namespace, and the virtual key, so that one key's answers never reach
 * another key through a merely similar prompt.
 */
final class SemanticLookup {
    private final Vertx vertx;
    private final CacheSettings.Semantic settings;
    private final VectorIndex index;
    private final Function<LlmRequest, Future<RoutedReply>> router;

    SemanticLookup(
            Vertx vertx,
            CacheSettings.Semantic settings,
            VectorIndex index,
            Function<LlmRequest, Future<RoutedReply>> router) {
        this.vertx = vertx;
        this.settings = settings;
        this.index = index;
        this.router = router;
    }

    /** Whether a call's prompt can be embedded: chat and text completions. */
    static boolean applies(CachedCall call) {
        return call.completion();
    }

    static String scope(CachedCall call) {
        String namespace =
                call.key().contains(":") ? call.key().substring(0, call.key().lastIndexOf(':')) : "";
        // The master key's calls carry a grant without a key when their end user is held to limits.
        KeyGrant grant = call.request().grant();
        String holder = grant == null || grant.key() == null ? "" : grant.key().id();
        return Sha256.hex(namespace + "\n" + holder + "\n"
                + CacheKeys.promptlessMaterial(
                        call.callType(), call.modelGroup(), call.request().body()));
    }

    /** The prompt's embedding scaled to length 1; fails when the embedding model does not answer in time. */
    Future<float[]> embed(CachedCall call) {
        String text = PromptText.of(call);
        JsonObject body =
                new JsonObject().put("model", settings.embeddingModel()).put("input", text);
        LlmRequest embedding = new LlmRequest(
                UUID.randomUUID().toString(),
                Endpoint.EMBEDDINGS,
                settings.embeddingModel(),
                body,
                null,
                false,
                settings.embeddingTimeout(),
                new Cancellation(),
                System.nanoTime());
        Promise<float[]> vector = Promise.promise();
        long timer = vertx.setTimer(settings.embeddingTimeout().toMillis(), id -> {
            embedding.cancellation().cancel();
            vector.tryFail(GatewayException.of(ErrorKind.TIMEOUT, "semantic cache: no embedding in time"));
        });
        router.apply(embedding)
                .map(SemanticLookup::vectorOf)
                .onComplete(
                        done -> {
                            vertx.cancelTimer(timer);
                            vector.tryComplete(done);
                        },
                        failure -> {
                            vertx.cancelTimer(timer);
                            vector.tryFail(failure);
                        });
        return vector.future();
    }

    /** The cached prompt nearest to {@code vector} within the call's scope, if it is similar enough. */
    Future<VectorMatch> nearest(CachedCall call, float[] vector) {
        return index.nearest(scope(call), vector)
                .map(match -> match != null && match.similarity() >= settings.similarityThreshold() ? match : null);
    }

    Future<Void> remember(CachedCall call, float[] vector) {
        return index.put(call.key(), new PromptVector(scope(call), vector), call.ttl());
    }

    private static float[] vectorOf(RoutedReply routed) {
        if (!(routed.reply() instanceof ProviderReply.Complete complete)) {
            throw new IllegalStateException("an embedding answer is never a stream");
        }
        Object embedding = new JsonObject(complete.body())
                .getJsonArray("data")
                .getJsonObject(0)
                .getValue("embedding");
        float[] values;
        if (embedding instanceof JsonArray numbers) {
            values = new float[numbers.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = ((Number) numbers.getValue(i)).floatValue();
            }
        } else {
            ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode((String) embedding))
                    .order(ByteOrder.LITTLE_ENDIAN);
            values = new float[bytes.remaining() / Float.BYTES];
            bytes.asFloatBuffer().get(values);
        }
        return PromptVector.normalized(values);
    }
}
