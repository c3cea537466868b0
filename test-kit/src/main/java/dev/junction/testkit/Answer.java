package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One scripted answer of the {@link FakeUpstream}. Answers are immutable, so one instance can be queued
 * several times or used as a standing answer.
 *
 * <p>SSE answers take raw frames ({@code "data: {...}\n\n"}, see {@link Sse}) and write each as its own
 * chunk, byte for byte: translators must cope with whatever framing a provider sends, so the fake never
 * re-encodes them.
 */
public abstract class Answer {
    private final Map<String, String> headers;

    Answer(Map<String, String> headers) {
        this.headers = Map.copyOf(headers);
    }

    /** A JSON body with the given status. */
    public static Answer json(int status, JsonObject body) {
        return raw(status, "application/json", body.encode());
    }

    /** Any body with any content type: an HTML error page of a proxy, a truncated JSON, and so on. */
    public static Answer raw(int status, String contentType, String body) {
        return new FixedAnswer(status, contentType, Buffer.buffer(body), Map.of());
    }

    /** A binary body (audio, say) with the given status and content type. */
    public static Answer binary(int status, String contentType, byte[] body) {
        return new FixedAnswer(status, contentType, Buffer.buffer(body), Map.of());
    }

    /** A 200 {@code text/event-stream} writing the frames with {@code gap} between them, then ending. */
    public static Answer sse(List<String> rawEvents, Duration gap) {
        return new StreamAnswer(rawEvents, gap, StreamAnswer.Ending.END, null, Map.of());
    }

    /** Like {@link #sse} but closes the TCP connection after the last frame: a mid-stream failure. */
    public static Answer sseThenDrop(List<String> rawEvents, Duration gap) {
        return new StreamAnswer(rawEvents, gap, StreamAnswer.Ending.DROP, null, Map.of());
    }

    /** Like {@link #sse} but then stays silent with the connection open: a stalled stream. */
    public static Answer sseThenHang(List<String> rawEvents, Duration gap) {
        return new StreamAnswer(rawEvents, gap, StreamAnswer.Ending.HANG, null, Map.of());
    }

    /** A stream that writes {@code rawEvent} every {@code interval} until the client goes away. */
    public static Answer slowStream(String rawEvent, Duration interval) {
        return slowStream(List.of(), rawEvent, interval);
    }

    /**
     * A stream that writes the {@code prelude} frames (a role chunk, a {@code message_start}), then
     * {@code repeatedEvent}, one frame every {@code interval}, until the client goes away. It never ends
     * by itself; it is meant for client-disconnect tests.
     */
    public static Answer slowStream(List<String> prelude, String repeatedEvent, Duration interval) {
        Objects.requireNonNull(repeatedEvent);
        return new StreamAnswer(prelude, interval, StreamAnswer.Ending.REPEAT, repeatedEvent, Map.of());
    }

    /** A 200 of binary frames (e.g. AWS event-stream), each written as its own chunk with {@code gap} between. */
    public static Answer frames(String contentType, List<io.vertx.core.buffer.Buffer> frames, Duration gap) {
        return new FramesAnswer(contentType, frames, gap, Map.of());
    }

    /** The answer {@code compute} makes from each request, on the server's event loop. */
    public static Answer computed(java.util.function.Function<RecordedRequest, Answer> compute) {
        return new ComputedAnswer(compute, Map.of());
    }

    /** Never answers and keeps the connection open: for timeout tests. */
    public static Answer hang() {
        return new HangAnswer(Map.of());
    }

    /** Closes the connection without sending a status line: a connection reset before any byte. */
    public static Answer drop() {
        return new DropAnswer(Map.of());
    }

    /** Plays {@code answer} after {@code delay}, unless the client has gone away by then. */
    public static Answer delayed(Duration delay, Answer answer) {
        return new DelayedAnswer(delay, answer);
    }

    /** This answer with one more response header, e.g. {@code retry-after}; replaces one of the same name. */
    public final Answer header(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return withHeaders(more);
    }

    Map<String, String> headers() {
        return headers;
    }

    abstract Answer withHeaders(Map<String, String> headers);

    /** Answers the exchange; runs on the server's event loop. */
    abstract void play(Exchange exchange);

    /** Status, content type, then the scripted headers, so a script can override the content type. */
    final void head(HttpServerResponse response, int status, String contentType) {
        response.setStatusCode(status).putHeader("content-type", contentType);
        headers.forEach(response::putHeader);
    }
}
