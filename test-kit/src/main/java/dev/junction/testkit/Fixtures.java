package dev.junction.testkit;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Provider bodies and streams shipped in this jar under {@code fixtures/<provider>/}, e.g.
 * {@code Fixtures.json("azure/error-content-filter.json")}.
 *
 * <p>They are written by hand in the exact shapes the providers publish and send (field names, nesting,
 * nulls, SSE framing), not captured from live accounts; ids and timestamps are fixed so tests can compare
 * whole bodies.
 */
public final class Fixtures {
    private Fixtures() {}

    public static String text(String name) {
        String resource = "fixtures/" + name;
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture on the classpath: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonObject json(String name) {
        return new JsonObject(text(name));
    }

    /** An {@code .sse} fixture split into raw frames, ready for {@link Answer#sse}. */
    public static List<String> sseEvents(String name) {
        return Sse.frames(text(name));
    }
}
