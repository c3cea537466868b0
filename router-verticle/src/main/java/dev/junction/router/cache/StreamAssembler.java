package dev.junction.router.cache;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * Puts a streamed answer back together from the frames the client received, into the body the provider would
 * have answered without {@code stream}: {@code chat.completion} from {@code chat.completion.chunk}s (content,
 * reasoning, tool calls joined per choice), {@code text_completion} from text chunks. An answer is whole only if
 * the stream reached {@code [DONE]} without an error event.
 */
final class StreamAssembler implements AnswerAssembler {
    private final boolean chat;
    private final Map<Integer, AssembledChoice> choices = new TreeMap<>();
    private JsonObject envelope;
    private JsonObject usage;
    private boolean done;
    private boolean failed;

    StreamAssembler(boolean chat) {
        this.chat = chat;
    }

    @Override
    public void accept(Buffer frame) {
        for (SseEvents.Event event : SseEvents.of(frame)) {
            if (!failed) {
                data(event.data());
            }
        }
    }

    private void data(String data) {
        if (data.equals("[DONE]")) {
            done = true;
            return;
        }
        JsonObject chunk;
        try {
            chunk = new JsonObject(data);
        } catch (DecodeException notJson) {
            failed = true;
            return;
        }
        if (chunk.containsKey("error")) {
            failed = true;
            return;
        }
        if (envelope == null) {
            envelope = chunk;
        }
        if (chunk.getValue("usage") instanceof JsonObject reported) {
            usage = reported;
        }
        for (Object each : chunk.getJsonArray("choices", new JsonArray())) {
            if (each instanceof JsonObject choice) {
                choices.computeIfAbsent(choice.getInteger("index", 0), AssembledChoice::new)
                        .accept(choice, chat);
            }
        }
    }

    /** Whether the stream reached {@code [DONE]}, so that what was assembled is the whole answer. */
    @Override
    public boolean whole() {
        return done && !failed && envelope != null && !choices.isEmpty();
    }

    @Override
    public JsonObject answer(JsonObject counted) {
        JsonArray assembled = new JsonArray();
        choices.values().forEach(choice -> assembled.add(chat ? choice.chatChoice() : choice.textChoice()));
        JsonObject answer = new JsonObject()
                .put("id", envelope.getValue("id"))
                .put("object", chat ? "chat.completion" : "text_completion")
                .put("created", envelope.getValue("created"))
                .put("model", envelope.getValue("model"));
        if (envelope.getValue("system_fingerprint") != null) {
            answer.put("system_fingerprint", envelope.getValue("system_fingerprint"));
        }
        answer.put("choices", assembled);
        JsonObject finalUsage = usage != null ? usage : counted;
        if (finalUsage != null) {
            answer.put("usage", finalUsage);
        }
        return answer;
    }
}
