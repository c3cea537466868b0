package dev.junction.provider.openai;

import dev.junction.cluster.bus.Usage;
import dev.junction.provider.StreamTranslator;
import dev.junction.provider.sse.SseEvent;
import dev.junction.provider.sse.SseFrames;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/**
 * Passes an OpenAI-format stream through. Chunks are forwarded as the upstream wrote them; only a chunk
 * that carries usage is parsed, to record it. {@code [DONE]} is always sent last, even by servers that omit
 * it.
 */
public final class OpenAiStreamTranslator implements StreamTranslator {
    private static final String DONE = "[DONE]";
    private Usage usage = Usage.NONE;

    @Override
    public void onEvent(SseEvent event, Consumer<Buffer> out) {
        String data = event.data();
        if (DONE.equals(data.strip())) {
            return;
        }
        if (data.contains("\"usage\"")) {
            recordUsage(data);
        }
        out.accept(SseFrames.data(data));
    }

    private void recordUsage(String data) {
        try {
            JsonObject usageJson = new JsonObject(data).getJsonObject("usage");
            if (usageJson != null) {
                usage = Usage.fromOpenAi(usageJson);
            }
        } catch (DecodeException | ClassCastException ignored) {
            // a malformed chunk is the client's to see; usage just stays unknown
        }
    }

    @Override
    public void onEnd(Consumer<Buffer> out) {
        out.accept(SseFrames.done());
    }

    @Override
    public Usage usage() {
        return usage;
    }
}
