package dev.junction.provider;

import dev.junction.cluster.bus.Cancellation;
import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.bus.ProviderCall;
import dev.junction.config.Deployment;
import dev.junction.config.ProviderCatalog;
import dev.junction.config.Secret;
import dev.junction.provider.sse.SseEvent;
import dev.junction.provider.sse.SseParser;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Recorded fixtures under {@code src/test/resources/{openai,azure}/} and the deployments and calls the
 * OpenAI-format tests build around them.
 */
public final class WireFixtures {
    public static final String OPENAI_KEY = "sk-proj-test-0123456789abcdefMqQA";
    public static final String AZURE_KEY = "0123456789abcdef0123456789abcdef";
    public static final String OPENAI_BASE = "https://api.openai.com/v1";
    public static final String AZURE_BASE = "https://my-resource.openai.azure.com";

    private WireFixtures() {}

    /** A fixture's text, e.g. {@code text("openai/chat.response.json")}. */
    public static String text(String resource) {
        try (InputStream in = WireFixtures.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Buffer buffer(String resource) {
        return Buffer.buffer(text(resource));
    }

    public static JsonObject json(String resource) {
        return new JsonObject(text(resource));
    }

    public static Deployment openAi(String upstreamModel, JsonObject litellmParams) {
        return openAi(upstreamModel, litellmParams, OPENAI_BASE);
    }

    public static Deployment openAi(String upstreamModel, JsonObject litellmParams, String apiBase) {
        return deployment("openai", upstreamModel, apiBase, Secret.of(OPENAI_KEY), litellmParams);
    }

    public static Deployment azure(String deploymentName, JsonObject litellmParams) {
        return deployment("azure", deploymentName, AZURE_BASE, Secret.of(AZURE_KEY), litellmParams);
    }

    public static Deployment deployment(
            String prefix, String upstreamModel, String apiBase, Secret apiKey, JsonObject litellmParams) {
        return new Deployment(
                "deployment-" + prefix + "-" + upstreamModel,
                "my-model",
                prefix + "/" + upstreamModel,
                ProviderCatalog.byPrefix(prefix).orElseThrow(),
                upstreamModel,
                apiBase,
                apiKey,
                litellmParams,
                new JsonObject());
    }

    /** A call whose raw body is {@code rawBody}, parsed as the HTTP verticle parses it. */
    public static ProviderCall call(Endpoint endpoint, Buffer rawBody, Deployment deployment) {
        return call(endpoint, rawBody, deployment, Duration.ofSeconds(30));
    }

    public static ProviderCall call(Endpoint endpoint, Buffer rawBody, Deployment deployment, Duration timeout) {
        JsonObject body = rawBody.toJsonObject();
        boolean stream = Boolean.TRUE.equals(body.getValue("stream"));
        LlmRequest request = new LlmRequest(
                "call-1",
                endpoint,
                body.getString("model", "my-model"),
                body,
                rawBody,
                stream,
                null,
                new Cancellation(),
                System.nanoTime());
        return new ProviderCall(request, deployment, timeout);
    }

    public static ProviderCall call(Endpoint endpoint, JsonObject body, Deployment deployment) {
        return call(endpoint, body.toBuffer(), deployment);
    }

    /** The {@code data:} payloads of translated frames, parsed; {@code [DONE]} as a JSON string. */
    public static List<Object> payloads(List<String> frames) {
        List<Object> payloads = new ArrayList<>();
        for (String frame : frames) {
            String data = frame.substring("data: ".length()).strip();
            payloads.add(data.equals("[DONE]") ? data : new JsonObject(data));
        }
        return payloads;
    }

    /** The text the content deltas of translated chat chunks add up to. */
    public static String streamedContent(List<String> frames) {
        StringBuilder text = new StringBuilder();
        for (Object payload : payloads(frames)) {
            if (payload instanceof JsonObject chunk
                    && chunk.getValue("choices") instanceof io.vertx.core.json.JsonArray choices
                    && !choices.isEmpty()) {
                JsonObject delta = choices.getJsonObject(0).getJsonObject("delta", new JsonObject());
                if (delta.getValue("content") instanceof String piece) {
                    text.append(piece);
                }
            }
        }
        return text.toString();
    }

    /**
     * Feeds a raw SSE stream through {@link SseParser} into {@code translator}, {@code chunkSize} bytes at a
     * time (so multi-byte characters and line ends get split), then ends it; returns each frame written.
     */
    public static List<String> translate(StreamTranslator translator, String sse, int chunkSize) {
        return translate(translator, sse, chunkSize, SseParser::new);
    }

    /** As {@link #translate(StreamTranslator, String, int)}, with the provider's own stream framing. */
    public static List<String> translate(
            StreamTranslator translator,
            String body,
            int chunkSize,
            Function<Consumer<SseEvent>, StreamDecoder> decoder) {
        List<String> frames = new ArrayList<>();
        StreamDecoder parser = decoder.apply(event -> translator.onEvent(event, frame -> frames.add(frame.toString())));
        for (Buffer piece : split(body, chunkSize)) {
            parser.feed(piece);
        }
        parser.end();
        translator.onEnd(frame -> frames.add(frame.toString()));
        return frames;
    }

    /** {@code text} as UTF-8, cut into buffers of {@code chunkSize} bytes regardless of character bounds. */
    public static List<Buffer> split(String text, int chunkSize) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<Buffer> pieces = new ArrayList<>();
        for (int from = 0; from < bytes.length; from += chunkSize) {
            int to = Math.min(bytes.length, from + chunkSize);
            pieces.add(Buffer.buffer().appendBytes(bytes, from, to - from));
        }
        return pieces;
    }

    /**
     * The {@code data:} frames of a recorded OpenAI stream, each as a complete frame in the form Junction
     * writes ({@code data: <payload>\n\n}), in order; {@code [DONE]} included if the upstream sent it.
     */
    public static List<String> dataFrames(String sse) {
        List<String> frames = new ArrayList<>();
        for (String line : sse.split("\n")) {
            if (line.startsWith("data: ")) {
                frames.add(line + "\n\n");
            }
        }
        return frames;
    }
}
