package dev.junction.gateway.observe.callbacks;

import dev.junction.cluster.bus.Usage;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * {@code callbacks: ["langfuse"]}: each call as a Langfuse trace and its generation, sent in batches to
 * Langfuse's public ingestion API ({@code POST <LANGFUSE_HOST>/api/public/ingestion}, basic auth with {@code
 * LANGFUSE_PUBLIC_KEY} and {@code LANGFUSE_SECRET_KEY}).
 */
final class LangfuseSink implements Consumer<FinishedCall>, AutoCloseable {
    static final String DEFAULT_HOST = "https://cloud.langfuse.com";

    private final BatchSender sender;
    private final boolean successes;
    private final boolean failures;
    private final boolean messageLogging;

    LangfuseSink(
            Vertx vertx,
            HttpClient client,
            String host,
            String publicKey,
            String secretKey,
            boolean successes,
            boolean failures,
            boolean messageLogging) {
        String base = host.endsWith("/") ? host.substring(0, host.length() - 1) : host;
        String auth =
                Base64.getEncoder().encodeToString((publicKey + ":" + secretKey).getBytes(StandardCharsets.UTF_8));
        this.sender = new BatchSender(
                "Langfuse",
                vertx,
                client,
                base + "/api/public/ingestion",
                Map.of("authorization", "Basic " + auth),
                events -> new JsonObject()
                        .put("batch", new JsonArray(new java.util.ArrayList<>(events)))
                        .toBuffer());
        this.successes = successes;
        this.failures = failures;
        this.messageLogging = messageLogging;
    }

    @Override
    public void accept(FinishedCall call) {
        if (!(call.end().succeeded() ? successes : failures)) {
            return;
        }
        JsonObject payload = StandardLoggingPayload.of(call, messageLogging);
        String name = "litellm-" + payload.getString("call_type");
        Instant start = Instant.ofEpochMilli(call.start().receivedEpochMillis());
        Instant end = start.plusNanos(call.end().endedNanos() - call.start().receivedNanos());
        JsonObject metadata = payload.getJsonObject("metadata");
        sender.add(event(
                "trace-create",
                new JsonObject()
                        .put("id", call.callId())
                        .put("name", name)
                        .put("timestamp", start.toString())
                        .put("userId", payload.getString("end_user"))
                        .put("input", payload.getValue("messages"))
                        .put("output", output(payload))
                        .put("metadata", metadata)
                        .put("tags", payload.getJsonArray("request_tags"))));
        Usage usage = call.end().usage();
        JsonObject generation = new JsonObject()
                .put("id", call.callId() + "-generation")
                .put("traceId", call.callId())
                .put("name", name)
                .put("startTime", start.toString())
                .put("endTime", end.toString())
                .put("model", payload.getString("model"))
                .put("modelParameters", payload.getJsonObject("model_parameters"))
                .put("input", payload.getValue("messages"))
                .put("output", output(payload))
                .put(
                        "usage",
                        new JsonObject()
                                .put("input", usage.promptTokens())
                                .put("output", usage.completionTokens())
                                .put("total", usage.totalTokens())
                                .put("unit", "TOKENS"))
                .put("costDetails", new JsonObject().put("total", call.end().cost()))
                .put(
                        "metadata",
                        metadata.copy()
                                .put("model_id", payload.getString("model_id"))
                                .put("model_group", payload.getString("model_group")))
                .put("level", call.end().succeeded() ? "DEFAULT" : "ERROR")
                .put("statusMessage", call.end().succeeded() ? null : payload.getString("error_str"));
        if (call.firstTokenNanos() != 0) {
            generation.put(
                    "completionStartTime",
                    start.plusNanos(call.firstTokenNanos() - call.start().receivedNanos())
                            .toString());
        }
        sender.add(event("generation-create", generation));
    }

    /** The answer's message when the payload holds the whole answer, else what it holds. */
    private static Object output(JsonObject payload) {
        if (payload.getValue("response") instanceof JsonObject response
                && response.getValue("choices") instanceof JsonArray choices
                && !choices.isEmpty()
                && choices.getValue(0) instanceof JsonObject first
                && first.getValue("message") != null) {
            return first.getValue("message");
        }
        return payload.getValue("response");
    }

    private static JsonObject event(String type, JsonObject body) {
        return new JsonObject()
                .put("id", UUID.randomUUID().toString())
                .put("timestamp", Instant.now().toString())
                .put("type", type)
                .put("body", body);
    }

    @Override
    public void close() {
        sender.close();
    }
}
