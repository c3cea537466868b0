package dev.junction.provider.openai;

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
 * Relays a Responses API stream of OpenAI or Azure event by event, as it came. Only the terminal events are
 * read: {@code response.completed} (or {@code .incomplete}) for the usage, {@code response.failed} and {@code
 * error} for a failure. A failure is not relayed as the upstream wrote it (upstreams quote keys in error
 * messages): it ends the stream as its {@link #failure()}, which the stream sends as its one {@code error}
 * event, redacted ({@link #errorFrame}). A stream that ends without any of them was cut, and ends the same way.
 */
final class ResponsesStreamRelay implements StreamTranslator {
    private final String label;
    private Usage usage = Usage.NONE;
    private boolean finished;
    private GatewayException failure;
    private long events;

    ResponsesStreamRelay(String label) {
        this.label = label;
    }

    @Override
    public void onEvent(SseEvent event, Consumer<Buffer> out) {
        if (failure != null) {
            return;
        }
        String data = event.data();
        // Parsing every delta would cost more than relaying it; the terminal events name themselves.
        if (data.contains("\"response.completed\"")
                || data.contains("\"response.incomplete\"")
                || data.contains("\"response.failed\"")
                || data.contains("\"error\"")) {
            read(data);
        }
        if (failure == null) {
            events++;
            out.accept(SseFrames.event(event.event(), data));
        }
    }

    private void read(String data) {
        JsonObject json;
        try {
            json = new JsonObject(data);
        } catch (DecodeException | ClassCastException unreadable) {
            return;
        }
        Object response = json.getValue("response");
        switch (String.valueOf(json.getValue("type"))) {
            case "response.completed", "response.incomplete" -> {
                finished = true;
                if (response instanceof JsonObject object) {
                    usage = ResponsesPassThrough.usage(object.getValue("usage"));
                }
            }
            case "response.failed" -> failure = failed(
                    response instanceof JsonObject object && object.getValue("error") instanceof JsonObject error
                            ? error
                            : new JsonObject());
            case "error" -> failure = failed(json);
            default -> {
                // a delta that merely mentions one of the names above
            }
        }
    }

    private GatewayException failed(JsonObject error) {
        String message = String.valueOf(error.getValue("message", "the upstream reported a failure"));
        String code = String.valueOf(error.getValue("code", ""));
        ErrorKind kind = code.contains("rate_limit") ? ErrorKind.RATE_LIMITED : ErrorKind.INTERNAL;
        return GatewayException.of(kind, kind.describe(label + " - " + message));
    }

    @Override
    public void onEnd(Consumer<Buffer> out) {
        if (failure == null && !finished) {
            failure = GatewayException.of(
                    ErrorKind.BAD_GATEWAY,
                    ErrorKind.BAD_GATEWAY.describe(label + " - the stream ended before the response was complete"));
        }
    }

    @Override
    public Usage usage() {
        return usage;
    }

    @Override
    public Optional<GatewayException> failure() {
        return Optional.ofNullable(failure);
    }

    /** The Responses API's own {@code error} event. */
    @Override
    public Buffer errorFrame(GatewayException error) {
        JsonObject event = new JsonObject()
                .put("type", "error")
                .put("code", error.kind().type())
                .put("message", error.getMessage())
                .put("param", error.param().orElse(null))
                .put("sequence_number", events);
        return SseFrames.event("error", event.encode());
    }
}
