package dev.junction.provider.anthropic;

import dev.junction.cluster.bus.Cancellation;
import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.bus.ProviderCall;
import dev.junction.config.Deployment;
import dev.junction.config.ProviderCatalog;
import dev.junction.config.Secret;
import dev.junction.provider.StreamTranslator;
import dev.junction.provider.sse.SseParser;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Recorded fixtures under {@code src/test/resources/anthropic/} and the calls the tests build around them. */
final class AnthropicFixtures {
    static final String API_KEY = "sk-ant-api03-test-key";
    static final String UPSTREAM_MODEL = "claude-sonnet-4-20250514";
    /** 2025-01-01T00:00:00Z, the {@code created} of every expected answer. */
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_735_689_600L), ZoneOffset.UTC);

    private AnthropicFixtures() {}

    static String text(String name) {
        try (InputStream in = AnthropicFixtures.class.getResourceAsStream("/anthropic/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonObject json(String name) {
        return new JsonObject(text(name));
    }

    static Buffer buffer(String name) {
        return Buffer.buffer(text(name));
    }

    static Deployment deployment(JsonObject litellmParams) {
        return deployment(litellmParams, Secret.of(API_KEY), "https://api.anthropic.com");
    }

    static Deployment deployment(JsonObject litellmParams, Secret apiKey, String apiBase) {
        return new Deployment(
                "deployment-1",
                "claude-sonnet",
                "anthropic/" + UPSTREAM_MODEL,
                ProviderCatalog.byPrefix("anthropic").orElseThrow(),
                UPSTREAM_MODEL,
                apiBase,
                apiKey,
                litellmParams,
                new JsonObject());
    }

    static ProviderCall chat(JsonObject body) {
        return call(Endpoint.CHAT_COMPLETIONS, body, deployment(new JsonObject()));
    }

    static ProviderCall call(Endpoint endpoint, JsonObject body, Deployment deployment) {
        boolean stream = Boolean.TRUE.equals(body.getValue("stream"));
        LlmRequest request = new LlmRequest(
                "call-1", endpoint, "claude-sonnet", body, null, stream, null, new Cancellation(), System.nanoTime());
        return new ProviderCall(request, deployment, Duration.ofSeconds(30));
    }

    /** The Anthropic request body sent for an OpenAI chat request. */
    static JsonObject upstreamBody(JsonObject openAiRequest) {
        return new AnthropicAdapter(CLOCK)
                .toUpstream(chat(openAiRequest))
                .body()
                .toJsonObject();
    }

    /**
     * Feeds a raw SSE stream through {@link SseParser} into {@code translator}, {@code chunkSize} bytes at a
     * time, then ends it; returns each frame written, as text.
     */
    static List<String> translate(StreamTranslator translator, String sse, int chunkSize) {
        List<String> frames = new ArrayList<>();
        SseParser parser = new SseParser(event -> translator.onEvent(event, frame -> frames.add(frame.toString())));
        byte[] bytes = sse.getBytes(StandardCharsets.UTF_8);
        for (int from = 0; from < bytes.length; from += chunkSize) {
            int to = Math.min(bytes.length, from + chunkSize);
            parser.feed(Buffer.buffer().appendBytes(bytes, from, to - from));
        }
        parser.end();
        translator.onEnd(frame -> frames.add(frame.toString()));
        return frames;
    }
}
