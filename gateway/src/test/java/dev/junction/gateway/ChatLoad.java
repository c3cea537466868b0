package dev.junction.gateway;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Chat requests to Junction nodes: one at a time, or from one client thread per node sending as fast as its
 * node answers until stopped.
 */
final class ChatLoad implements AutoCloseable {
    static final String MASTER_KEY = "sk-cluster-test";
    /** Load stops by itself after this, should a failing test never get to {@link #stop()}. */
    private static final Duration MAX_RUN = Duration.ofSeconds(120);

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    /**
     * One exchange as the client saw it.
     *
     * @param node the node asked
     * @param status the HTTP status, or -1 when the exchange failed (the error says why)
     * @param retryAfter the {@code retry-after} header, or null
     * @param modelId the {@code x-litellm-model-id} header, or null
     * @param startedNanos when it was sent ({@link System#nanoTime()})
     * @param nanos how long it took
     */
    record Reply(
            JarNode node, int status, String retryAfter, String modelId, long startedNanos, long nanos, String error) {
        boolean ok() {
            return status == 200;
        }
    }

    private final List<Thread> threads = new ArrayList<>();
    private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);

    private ChatLoad() {}

    /** Starts one client thread per node, each sending chat requests for {@code model} back to back. */
    static ChatLoad start(List<JarNode> nodes, String model) {
        return start(nodes, model, MASTER_KEY);
    }

    /** As {@link #start(List, String)}, authenticated with {@code key}. */
    static ChatLoad start(List<JarNode> nodes, String model, String key) {
        ChatLoad load = new ChatLoad();
        long deadline = System.nanoTime() + MAX_RUN.toNanos();
        for (JarNode node : nodes) {
            Thread thread = new Thread(
                    () -> {
                        while (load.running.get() && System.nanoTime() < deadline) {
                            load.replies.add(chat(node, model, key));
                        }
                    },
                    "load-" + node.name);
            load.threads.add(thread);
            thread.start();
        }
        return load;
    }

    /**
     * The replies of one run of load and how long it lasted.
     *
     * @param nanos from the start of the load to its stop
     */
    record Run(List<Reply> replies, long nanos) {
        /** Requests per second asked of the cluster, refused ones included. */
        double rate() {
            return replies.size() / (nanos / 1e9);
        }
    }

    /**
     * Loads {@code model} on every node for at least {@code atLeast}, then until {@code minReplies} replies came
     * back (on a slow machine) or {@code atMost} passed.
     */
    static Run run(List<JarNode> nodes, String model, Duration atLeast, int minReplies, Duration atMost)
            throws InterruptedException {
        long started = System.nanoTime();
        ChatLoad load = start(nodes, model);
        Thread.sleep(atLeast.toMillis());
        while (load.count() < minReplies && System.nanoTime() - started < atMost.toNanos()) {
            Thread.sleep(100);
        }
        List<Reply> replies = load.stop();
        return new Run(replies, System.nanoTime() - started);
    }

    /** Replies received so far. */
    int count() {
        return replies.size();
    }

    /** Stops the threads (each finishes its exchange in flight) and returns every reply, in no given order. */
    List<Reply> stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(15));
        }
        return List.copyOf(replies);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** One non-streamed chat request; a transport failure is a reply with status -1, never an exception. */
    static Reply chat(JarNode node, String model) {
        return chat(node, model, MASTER_KEY);
    }

    /** As {@link #chat(JarNode, String)}, authenticated with {@code key}. */
    static Reply chat(JarNode node, String model, String key) {
        HttpRequest request = HttpRequest.newBuilder(node.uri("/v1/chat/completions"))
                .timeout(Duration.ofSeconds(20))
                .header("authorization", "Bearer " + key)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(model, false)))
                .build();
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(
                    node,
                    response.statusCode(),
                    response.headers().firstValue("retry-after").orElse(null),
                    response.headers().firstValue("x-litellm-model-id").orElse(null),
                    started,
                    System.nanoTime() - started,
                    response.statusCode() == 200 ? null : response.body());
        } catch (IOException failed) {
            return new Reply(node, -1, null, null, started, System.nanoTime() - started, failed.toString());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return new Reply(node, -1, null, null, started, System.nanoTime() - started, "interrupted");
        }
    }

    static String body(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    static HttpClient http() {
        return HTTP;
    }
}
