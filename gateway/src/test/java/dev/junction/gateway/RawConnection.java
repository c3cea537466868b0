package dev.junction.gateway;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A client that speaks bytes, not HTTP: for what no HTTP client sends (half a head, a body shorter than its
 * Content-Length, a malformed chunk, a TLS hello on the plain port) and for seeing when the server closes.
 */
final class RawConnection implements AutoCloseable {
    private final Socket socket = new Socket();
    private final InputStream in;

    /** Everything the server sent until it closed the connection (or the wait ended), and how long that took. */
    record Ending(String received, boolean closed, Duration after) {
        /** The JSON body of the one response received. */
        JsonObject body() {
            return new JsonObject(received.substring(received.indexOf("\r\n\r\n") + 4));
        }
    }

    private RawConnection(int port) throws IOException {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        in = socket.getInputStream();
    }

    static RawConnection open(int port) throws IOException {
        return new RawConnection(port);
    }

    RawConnection send(String ascii) throws IOException {
        return send(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawConnection send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return this;
    }

    /** Reads until the server closes the connection, or {@code limit} has passed since this call. */
    Ending readUntilClosed(Duration limit) throws IOException {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        boolean closed = false;
        while (!closed && System.nanoTime() < deadline) {
            socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            try {
                int read = in.read(buffer);
                if (read < 0) {
                    closed = true;
                } else {
                    received.write(buffer, 0, read);
                }
            } catch (SocketTimeoutException stillOpen) {
                break;
            } catch (IOException reset) {
                closed = true; // a reset is a close too
            }
        }
        return new Ending(
                received.toString(StandardCharsets.ISO_8859_1), closed, Duration.ofNanos(System.nanoTime() - start));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
