package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * AWS Bedrock's runtime wire format: Converse answers, ConverseStream as event-stream frames (with the {@code p}
 * padding field Bedrock adds to each event), InvokeModel embeddings, its JSON errors with {@code
 * x-amzn-ErrorType}, and the 403s it answers to a request that is not signed right.
 */
public final class BedrockWire {
    public static final String EVENT_STREAM = "application/vnd.amazon.eventstream";
    public static final String REQUEST_ID = "8d3f1a2e-4b5c-4d6e-9f70-123456789abc";
    public static final String INPUT_TOO_LONG = "Input is too long for requested model.";

    private BedrockWire() {}

    /** The path of an operation on a model, the id percent-encoded as AWS's SDKs send it. */
    public static String path(String prefix, String modelId, String operation) {
        return prefix + "/model/" + SigV4Verifier.encode(modelId) + "/" + operation;
    }

    /** A Converse answer of plain text. */
    public static JsonObject converse(String text, String stopReason, int inputTokens, int outputTokens) {
        return converse(new JsonArray().add(new JsonObject().put("text", text)), stopReason, inputTokens, outputTokens);
    }

    public static JsonObject converse(JsonArray content, String stopReason, int inputTokens, int outputTokens) {
        JsonObject message = new JsonObject().put("role", "assistant").put("content", content);
        return new JsonObject()
                .put("output", new JsonObject().put("message", message))
                .put("stopReason", stopReason)
                .put("usage", usage(inputTokens, outputTokens))
                .put("metrics", new JsonObject().put("latencyMs", 420));
    }

    public static JsonObject toolUse(String id, String name, JsonObject input) {
        return new JsonObject()
                .put(
                        "toolUse",
                        new JsonObject().put("toolUseId", id).put("name", name).put("input", input));
    }

    public static Answer ok(JsonObject body) {
        return Answer.json(200, body).header("x-amzn-RequestId", REQUEST_ID);
    }

    /** ConverseStream's events for a text answer, cut into {@code pieces}, ending with {@code metadata}. */
    public static List<Buffer> textStream(String text, int pieces, int inputTokens, int outputTokens) {
        List<Buffer> frames = new ArrayList<>();
        frames.add(event("messageStart", new JsonObject().put("role", "assistant")));
        int size = Math.max(1, (text.length() + pieces - 1) / pieces);
        for (int at = 0; at < text.length(); at += size) {
            String piece = text.substring(at, Math.min(text.length(), at + size));
            frames.add(event(
                    "contentBlockDelta",
                    new JsonObject().put("contentBlockIndex", 0).put("delta", new JsonObject().put("text", piece))));
        }
        frames.add(event("contentBlockStop", new JsonObject().put("contentBlockIndex", 0)));
        frames.add(event("messageStop", new JsonObject().put("stopReason", "end_turn")));
        frames.add(event(
                "metadata",
                new JsonObject()
                        .put("usage", usage(inputTokens, outputTokens))
                        .put("metrics", new JsonObject().put("latencyMs", 310))));
        return frames;
    }

    /** One event frame; Bedrock pads every payload with a {@code p} field of letters, so clients must ignore it. */
    public static Buffer event(String type, JsonObject payload) {
        return EventStreamFrames.event(type, payload.copy().put("p", "abcdefghijklmnopqrstuvwxyzABCDEFGH"));
    }

    public static Answer stream(List<Buffer> frames) {
        return Answer.frames(EVENT_STREAM, frames, Duration.ZERO).header("x-amzn-RequestId", REQUEST_ID);
    }

    /** Titan's InvokeModel embedding answer. */
    public static JsonObject titanEmbedding(List<Double> vector, int tokens) {
        return new JsonObject()
                .put("embedding", new JsonArray(new ArrayList<>(vector)))
                .put("inputTextTokenCount", tokens);
    }

    /** An error as Bedrock sends it: the type in {@code x-amzn-ErrorType}, the message in the body. */
    public static Answer error(int status, String type, String message) {
        return Answer.json(status, new JsonObject().put("message", message))
                .header("x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/com.amazon.bedrock/")
                .header("x-amzn-RequestId", REQUEST_ID);
    }

    public static Answer throttled() {
        return error(429, "ThrottlingException", "Too many requests, please wait before trying again.");
    }

    public static Answer inputTooLong() {
        return error(400, "ValidationException", INPUT_TOO_LONG);
    }

    public static Answer accessDenied() {
        return error(403, "AccessDeniedException", "You don't have access to the model with the specified model ID.");
    }

    /**
     * A guard for {@link FakeUpstream#guard}: refuses, with Bedrock's own 403s, every request whose SigV4
     * signature the verifier rejects.
     */
    public static Function<RecordedRequest, Answer> requireSignature(SigV4Verifier verifier) {
        return request -> {
            SigV4Verifier.Problem problem = verifier.check(request);
            if (problem == null) {
                return null;
            }
            return switch (problem) {
                case MISSING_AUTHENTICATION -> authError(
                        "MissingAuthenticationTokenException", "Missing Authentication Token");
                case UNKNOWN_ACCESS_KEY -> authError(
                        "UnrecognizedClientException", "The security token included in the request is invalid.");
                case SIGNATURE_MISMATCH -> authError(
                        "InvalidSignatureException",
                        "The request signature we calculated does not match the signature you provided. Check your "
                                + "AWS Secret Access Key and signing method. Consult the service documentation for "
                                + "details.");
            };
        };
    }

    private static Answer authError(String type, String message) {
        return Answer.json(403, new JsonObject().put("message", message))
                .header("x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/com.amazon.coral.service/")
                .header("x-amzn-RequestId", REQUEST_ID);
    }

    private static JsonObject usage(int inputTokens, int outputTokens) {
        return new JsonObject()
                .put("inputTokens", inputTokens)
                .put("outputTokens", outputTokens)
                .put("totalTokens", inputTokens + outputTokens);
    }

    /** A frame list whose {@code index}th frame fails its message CRC. */
    public static List<Buffer> corrupt(List<Buffer> frames, int index) {
        List<Buffer> copy = new ArrayList<>(frames);
        copy.set(index, EventStreamFrames.withCorruptedCrc(frames.get(index)));
        return copy;
    }
}
