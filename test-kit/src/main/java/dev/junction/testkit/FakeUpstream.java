package dev.junction.testkit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A real HTTP server on a free port that plays a provider (OpenAI, Azure OpenAI, Anthropic) for a test.
 *
 * <pre>{@code
 * FakeUpstream upstream = FakeUpstream.start(vertx).await();
 * upstream.on("/v1/chat/completions")
 *         .reply(OpenAiWire.rateLimited(Duration.ofSeconds(1)))
 *         .replyAlways(OpenAiWire.chat("gpt-4o").content("Hi").answer());
 * ... point a deployment at upstream.baseUrl() ...
 * RecordedRequest sent = upstream.nextRequest().await(5, TimeUnit.SECONDS);
 * }</pre>
 *
 * <p>Scripts are keyed on the path without query. A path with no script, or whose script is used up,
 * answers 404 in OpenAI's format. Every request is recorded, scripted or not. Scripts and recordings are
 * safe to use from the test thread while the server runs on its event loop.
 */
public final class FakeUpstream {
    private final Vertx vertx;
    private final HttpServer server;
    private final Map<String, PathScript> scripts = new ConcurrentHashMap<>();
    private final Recording<RecordedRequest> requests = new Recording<>();
    private final Recording<RecordedRequest> cancellations = new Recording<>();
    private final Map<String, Function<RecordedRequest, Answer>> guards = new ConcurrentHashMap<>();
    private volatile boolean closing;

    private FakeUpstream(Vertx vertx) {
        this.vertx = vertx;
        this.server = vertx.createHttpServer();
    }

    /** Binds 127.0.0.1 on a free port; the future completes once the server accepts connections. */
    public static Future<FakeUpstream> start(Vertx vertx) {
        FakeUpstream upstream = new FakeUpstream(vertx);
        return upstream.server
                .requestHandler(upstream::handle)
                .listen(0, "127.0.0.1")
                .map(upstream);
    }

    public int port() {
        return server.actualPort();
    }

    /** {@code http://127.0.0.1:<port>}, without trailing slash: the {@code api_base} of a deployment. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The script for a path such as {@code /v1/chat/completions}; created on first use. */
    public PathScript on(String path) {
        return scripts.computeIfAbsent(path, p -> new PathScript());
    }

    /**
     * Checks every request whose path starts with {@code pathPrefix} before its script: when {@code check}
     * returns an answer (a provider's authentication error, say) that answer is played instead. Kept by
     * {@link #reset()}, since it describes the provider rather than one test.
     */
    public FakeUpstream guard(String pathPrefix, Function<RecordedRequest, Answer> check) {
        guards.put(pathPrefix, check);
        return this;
    }

    /** Every request received so far, oldest first. */
    public List<RecordedRequest> requests() {
        return requests.all();
    }

    /** The requests received on one path (query ignored), oldest first: for a fake serving several deployments. */
    public List<RecordedRequest> requests(String path) {
        return requests.all().stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The most recent request, or {@code null} if none arrived yet. */
    public RecordedRequest lastRequest() {
        return requests.last();
    }

    /**
     * The first request not yet handed out by this method, waiting for it if needed. Successive calls
     * walk through the requests in arrival order, so none is missed however the test and server race.
     */
    public Future<RecordedRequest> nextRequest() {
        return requests.next();
    }

    /**
     * How many responses the client abandoned: it closed the connection before the fake had finished a
     * stream, a hang or a delayed answer. Scripted drops and {@link #close()} do not count.
     */
    public int cancelledResponses() {
        return cancellations.size();
    }

    /** The request of the next abandoned response, walking in order like {@link #nextRequest()}. */
    public Future<RecordedRequest> nextCancellation() {
        return cancellations.next();
    }

    /** Forgets all scripts and recordings, for a fake shared by several tests. */
    public void reset() {
        scripts.clear();
        requests.clear();
        cancellations.clear();
    }

    /** Stops listening and closes open connections at once, hung ones included. */
    public Future<Void> close() {
        closing = true;
        return server.close();
    }

    private void handle(HttpServerRequest request) {
        // A failed body means the client went away mid-upload: there is nobody left to answer.
        request.body().onSuccess(body -> dispatch(request, body));
    }

    private void dispatch(HttpServerRequest request, Buffer body) {
        RecordedRequest recorded = RecordedRequest.of(request, body);
        // The exchange watches the connection before the request is published, so a test that reacts to
        // the recording cannot close the connection unseen.
        Exchange exchange = new Exchange(vertx, request, recorded, cancellations::add, () -> closing);
        requests.add(recorded);
        Answer answer = guardAnswer(recorded);
        PathScript script = scripts.get(request.path());
        if (answer == null) {
            answer = script == null ? null : script.take();
        }
        if (answer == null) {
            answer = OpenAiWire.invalidUrl(request.method().name(), request.path());
        }
        answer.play(exchange);
    }

    private Answer guardAnswer(RecordedRequest recorded) {
        for (Map.Entry<String, Function<RecordedRequest, Answer>> guard : guards.entrySet()) {
            if (recorded.path().startsWith(guard.getKey())) {
                Answer refusal = guard.getValue().apply(recorded);
                if (refusal != null) {
                    return refusal;
                }
            }
        }
        return null;
    }
}
