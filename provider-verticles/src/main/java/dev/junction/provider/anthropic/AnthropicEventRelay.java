package dev.junction.provider.anthropic;

import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.StreamTranslator;
import dev.junction.provider.sse.SseEvent;
import dev.junction.provider.sse.SseFrames;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Relays an Anthropic event stream as it came, for a client of the Messages API: every event, {@code ping}
 * included, with its name. The events that carry usage, the end and errors are read on the way. An {@code
 * error} event is not relayed as it came (upstreams quote keys in error messages): it ends the stream as its
 * {@link #failure()}, which the stream sends as its one error event, redacted, in Anthropic's shape ({@link
 * #errorFrame}), as Anthropic itself ends a failed stream. So does a stream cut before {@code message_stop}.
 */
final class AnthropicEventRelay implements StreamTranslator {
    private final AnthropicErrorClassifier errors;
    private final AnthropicStreamUsage usage = new AnthropicStreamUsage();
    private boolean finished;
    private GatewayException failure;

    AnthropicEventRelay(AnthropicErrorClassifier errors) {
        this.errors = errors;
    }

    @Override
    public void onEvent(SseEvent event, Consumer<Buffer> out) {
        if (failure != null) {
            return;
        }
        String name = event.event();
        // Deltas carry no usage: only the events that do are parsed (a stream without names is read whole).
        if (name == null || name.startsWith("message_") || name.equals("error")) {
            read(event.data());
        }
        if (failure == null) {
            out.accept(SseFrames.event(name, event.data()));
        }
    }

    private void read(String data) {
        JsonObject json;
        try {
            json = new JsonObject(data);
            switch (String.valueOf(json.getValue("type"))) {
                case "message_start" -> usage.start(json.getJsonObject("message", new JsonObject()));
                case "message_delta" -> usage.delta(json);
                case "message_stop" -> finished = true;
                case "error" -> failure = errors.fromErrorEvent(json);
                default -> {
                    // content blocks and pings: relayed, nothing to learn
                }
            }
        } catch (DecodeException | ClassCastException unreadable) {
            // relayed as it came; the client's parser judges it
        }
    }

    @Override
    public void onEnd(Consumer<Buffer> out) {
        if (failure == null && !finished) {
            failure = LitellmErrorNames.error(
                    ErrorKind.BAD_GATEWAY, "the anthropic stream ended before the message was complete");
        }
    }

    @Override
    public Usage usage() {
        return usage.usage();
    }

    @Override
    public Optional<GatewayException> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public Buffer errorFrame(GatewayException error) {
        return SseFrames.event("error", AnthropicFormat.errorBody(error).encode());
    }
}
