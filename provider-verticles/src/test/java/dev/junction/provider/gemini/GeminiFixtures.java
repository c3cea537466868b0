package dev.junction.provider.gemini;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.ProviderCall;
import dev.junction.config.Deployment;
import dev.junction.config.Secret;
import dev.junction.provider.WireFixtures;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Deployments and calls around the recorded fixtures under {@code src/test/resources/gemini/}. */
final class GeminiFixtures {
    static final String KEY = "AIzaSyD-test-key-0123456789abcdefghij";
    static final String MODEL = "gemini-2.0-flash";
    /** 2025-01-01T00:00:00Z, the {@code created} of every expected answer. */
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_735_689_600L), ZoneOffset.UTC);

    private GeminiFixtures() {}

    static Deployment deployment(JsonObject params) {
        return deployment(MODEL, params);
    }

    static Deployment deployment(String model, JsonObject params) {
        return WireFixtures.deployment("gemini", model, GeminiAdapter.DEFAULT_API_BASE, Secret.of(KEY), params);
    }

    static ProviderCall chat(JsonObject body) {
        return WireFixtures.call(Endpoint.CHAT_COMPLETIONS, body, deployment(new JsonObject()));
    }

    static JsonObject json(String name) {
        return WireFixtures.json("gemini/" + name);
    }

    static String text(String name) {
        return WireFixtures.text("gemini/" + name);
    }
}
