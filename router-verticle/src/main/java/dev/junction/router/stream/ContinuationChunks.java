package dev.junction.router.stream;

import dev.junction.cluster.bus.Usage;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Fits the chunks of a continuation into the stream the client is reading: its opening role chunk is dropped
 * (the client had one), what it repeats of the answer so far is dropped, every chunk keeps the {@code id} of
 * the first answer while {@code model} names the model that wrote it, the chunk that finishes the answer says
 * how many times it was continued ({@code "continuations": n}), and a usage chunk adds the earlier attempts'
 * usage to its own.
 */
final class ContinuationChunks {
    static final String MARKER = "continuations";

    private final String id;
    private final LeadingOverlap overlap;
    private final int continuations;
    private final Supplier<Usage> earlier;
    private JsonObject lastChunk;

    /**
     * @param id the {@code id} of the stream's first chunks, or null to keep the continuation's
     * @param sent the answer text the client already has
     * @param continuations how many continuations the stream has had, this one included
     * @param earlier the usage of the attempts before this one
     */
    ContinuationChunks(String id, String sent, int continuations, Supplier<Usage> earlier) {
        this.id = id;
        this.overlap = new LeadingOverlap(sent);
        this.continuations = continuations;
        this.earlier = earlier;
    }

    /** What the client gets for one frame of the continuation, and the answer text that adds. */
    record Rewritten(List<Buffer> frames, String text) {}

    Rewritten rewrite(Buffer frame, ChunkFacts facts) {
        return switch (facts.kind()) {
            case DONE -> done(frame);
            case UNREADABLE, ERROR -> new Rewritten(List.of(frame), "");
            case CHUNK -> facts.substantive() ? chunk(frame, facts) : new Rewritten(List.of(), "");
        };
    }

    private Rewritten chunk(Buffer frame, ChunkFacts facts) {
        JsonObject chunk = frame.slice(6, trimmedLength(frame)).toJsonObject();
        lastChunk = chunk;
        String text = overlap.accept(facts.content());
        if (facts.finished() || facts.unrepeatable() || facts.other()) {
            text += overlap.flush();
        } else if (text.isEmpty()) {
            return new Rewritten(List.of(), "");
        }
        List<Buffer> frames = new ArrayList<>(2);
        if (chunk.getValue("choices") instanceof JsonArray choices
                && !choices.isEmpty()
                && choices.getValue(0) instanceof JsonObject first) {
            if (!facts.content().isEmpty() || !text.isEmpty()) {
                deltaOf(first).put("content", text);
            }
        } else if (!text.isEmpty()) {
            frames.add(frame(contentChunk(text)));
        }
        if (id != null) {
            chunk.put("id", id);
        }
        if (facts.finished()) {
            chunk.put(MARKER, continuations);
        }
        if (chunk.getValue("usage") instanceof JsonObject usage) {
            chunk.put("usage", sum(usage));
        }
        frames.add(frame(chunk));
        return new Rewritten(frames, text);
    }

    /** The end, after the text still held back (the continuation ended while it could have been a repeat). */
    private Rewritten done(Buffer frame) {
        String held = overlap.flush();
        if (held.isEmpty()) {
            return new Rewritten(List.of(frame), "");
        }
        return new Rewritten(List.of(frame(contentChunk(held)), frame), held);
    }

    private JsonObject contentChunk(String text) {
        JsonObject chunk = lastChunk == null
                ? new JsonObject().put("object", "chat.completion.chunk")
                : lastChunk.copy().put("usage", null);
        JsonObject choice = new JsonObject()
                .put("index", 0)
                .put("delta", new JsonObject().put("content", text))
                .put("finish_reason", null);
        chunk.put("choices", new JsonArray().add(choice)).remove(MARKER);
        return id == null ? chunk : chunk.put("id", id);
    }

    private JsonObject sum(JsonObject usage) {
        Usage before = earlier.get();
        long prompt = usage.getLong("prompt_tokens", 0L) + before.promptTokens();
        long completion = usage.getLong("completion_tokens", 0L) + before.completionTokens();
        return usage.copy()
                .put("prompt_tokens", prompt)
                .put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
    }

    private static JsonObject deltaOf(JsonObject choice) {
        if (choice.getValue("delta") instanceof JsonObject delta) {
            return delta;
        }
        JsonObject delta = new JsonObject();
        choice.put("delta", delta);
        return delta;
    }

    private static int trimmedLength(Buffer frame) {
        int end = frame.length();
        while (end > 0 && frame.getByte(end - 1) == '\n') {
            end--;
        }
        return end;
    }

    private static Buffer frame(JsonObject chunk) {
        Buffer json = chunk.toBuffer();
        return Buffer.buffer(json.length() + 8)
                .appendString("data: ")
                .appendBuffer(json)
                .appendString("\n\n");
    }
}
