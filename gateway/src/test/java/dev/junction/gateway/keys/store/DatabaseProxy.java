package dev.junction.gateway.keys.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP proxy in front of a real database server, so that a test can take the database away from a node
 * (every connection dropped, new ones refused, as when the server stops) and give it back, without stopping a
 * server other tests share. It also counts how often given text went from the node to the database: a
 * lookup by token sends the token once, so that counts the node's queries for it.
 */
public final class DatabaseProxy implements AutoCloseable {
    private static final Pattern HOST_AND_PORT =
            Pattern.compile("^(postgres(?:ql)?://(?:[^@/]*@)?)([^/:?]+):(\\d+)(.*)$");

    private final Vertx vertx;
    private final String targetHost;
    private final int targetPort;
    private final NetClient client;
    private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
    private final List<Watch> watches = new CopyOnWriteArrayList<>();
    private NetServer server;
    private int port;

    private DatabaseProxy(Vertx vertx, String targetHost, int targetPort) {
        this.vertx = vertx;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.client = vertx.createNetClient();
    }

    /** A proxy to the server of {@code url} ({@code postgresql://user@host:port/db}), listening on a free port. */
    public static DatabaseProxy to(Vertx vertx, String url) throws Exception {
        Matcher parts = HOST_AND_PORT.matcher(url);
        if (!parts.matches()) {
            throw new IllegalArgumentException("Expected postgresql://[user@]host:port/db, got another form");
        }
        DatabaseProxy proxy = new DatabaseProxy(vertx, parts.group(2), Integer.parseInt(parts.group(3)));
        proxy.start(0);
        return proxy;
    }

    /** {@code url} with its host and port replaced by the proxy's. */
    public String through(String url) {
        Matcher parts = HOST_AND_PORT.matcher(url);
        if (!parts.matches()) {
            throw new IllegalArgumentException("Expected postgresql://[user@]host:port/db");
        }
        return parts.group(1) + "127.0.0.1:" + port + parts.group(4);
    }

    /** Counts from now on how often {@code text} is sent to the database, over every connection. */
    public AtomicInteger watch(String text) {
        Watch watch = new Watch(text.getBytes(StandardCharsets.UTF_8), new AtomicInteger());
        watches.add(watch);
        return watch.count();
    }

    /** The database goes away: every connection through the proxy is closed and new ones are refused. */
    public void stop() throws Exception {
        await(server.close());
        for (NetSocket socket : open) {
            socket.close();
        }
        open.clear();
    }

    /** The database is back, on the same port. */
    public void restart() throws Exception {
        start(port);
    }

    private void start(int onPort) throws Exception {
        server = vertx.createNetServer().connectHandler(this::relay);
        await(server.listen(onPort, "127.0.0.1"));
        port = server.actualPort();
    }

    private void relay(NetSocket fromNode) {
        fromNode.pause();
        open.add(fromNode);
        client.connect(targetPort, targetHost).onComplete(connected -> {
            if (connected.failed()) {
                open.remove(fromNode);
                fromNode.close();
                return;
            }
            NetSocket toDatabase = connected.result();
            open.add(toDatabase);
            Scanner scanner = new Scanner();
            fromNode.handler(data -> {
                scanner.scan(data);
                toDatabase.write(data);
            });
            toDatabase.handler(fromNode::write);
            fromNode.closeHandler(v -> {
                open.remove(fromNode);
                toDatabase.close();
            });
            toDatabase.closeHandler(v -> {
                open.remove(toDatabase);
                fromNode.close();
            });
            fromNode.resume();
        });
    }

    @Override
    public void close() throws Exception {
        stop();
        await(client.close());
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private record Watch(byte[] needle, AtomicInteger count) {}

    /** Finds the watched texts in one connection's stream, also where one is split between two reads. */
    private final class Scanner {
        private byte[] tail = new byte[0];

        void scan(Buffer data) {
            byte[] chunk = data.getBytes();
            byte[] joined = new byte[tail.length + chunk.length];
            System.arraycopy(tail, 0, joined, 0, tail.length);
            System.arraycopy(chunk, 0, joined, tail.length, chunk.length);
            int longest = 0;
            for (Watch watch : watches) {
                longest = Math.max(longest, watch.needle().length);
                // Only matches that end in the new bytes: those within the tail were counted before.
                for (int at = Math.max(0, tail.length - watch.needle().length + 1);
                        at + watch.needle().length <= joined.length;
                        at++) {
                    if (matches(joined, at, watch.needle())) {
                        watch.count().incrementAndGet();
                    }
                }
            }
            int keep = Math.min(joined.length, Math.max(0, longest - 1));
            tail = Arrays.copyOfRange(joined, joined.length - keep, joined.length);
        }

        private static boolean matches(byte[] haystack, int at, byte[] needle) {
            for (int i = 0; i < needle.length; i++) {
                if (haystack[at + i] != needle[i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
