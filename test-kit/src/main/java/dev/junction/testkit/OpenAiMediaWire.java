package dev.junction.testkit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * OpenAI's answers of the operations that are not text generation: images, transcriptions, speech (audio
 * bytes) and moderations, and Cohere's rerank answer, which vLLM and other OpenAI-compatible servers return.
 */
public final class OpenAiMediaWire {
    public static final String IMAGES_PATH = "/v1/images/generations";
    public static final String TRANSCRIPTIONS_PATH = "/v1/audio/transcriptions";
    public static final String SPEECH_PATH = "/v1/audio/speech";
    public static final String MODERATIONS_PATH = "/v1/moderations";
    public static final String RERANK_PATH = "/v1/rerank";
    /** The first bytes of an MP3 frame: what a test can check the audio by. */
    public static final byte[] MP3_BYTES = {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x64, 0x00, 0x0F, (byte) 0xF0};

    private OpenAiMediaWire() {}

    /** One image per URL, as {@code response_format: url} answers. */
    public static Answer images(String... urls) {
        JsonArray data = new JsonArray();
        for (String url : urls) {
            data.add(new JsonObject().put("url", url).put("revised_prompt", "A cute baby sea otter"));
        }
        return Answer.json(200, new JsonObject().put("created", 1713833628L).put("data", data));
    }

    /** A {@code verbose_json} transcription, one segment long, which reports the audio's duration in seconds. */
    public static Answer verboseTranscription(String text, double seconds) {
        JsonObject segment = new JsonObject()
                .put("id", 0)
                .put("seek", 0)
                .put("start", 0.0)
                .put("end", seconds)
                .put("text", text)
                .put("tokens", new JsonArray().add(50364).add(2425).add(456))
                .put("temperature", 0.0)
                .put("avg_logprob", -0.28)
                .put("compression_ratio", 0.9)
                .put("no_speech_prob", 0.01);
        return Answer.json(
                200,
                new JsonObject()
                        .put("task", "transcribe")
                        .put("language", "english")
                        .put("duration", seconds)
                        .put("text", text)
                        .put("segments", new JsonArray().add(segment))
                        .put("usage", new JsonObject().put("type", "duration").put("seconds", Math.ceil(seconds))));
    }

    /** A {@code text} transcription: plain text, not JSON. */
    public static Answer textTranscription(String text) {
        return Answer.raw(200, "text/plain; charset=utf-8", text);
    }

    /** Speech as MP3 audio bytes. */
    public static Answer speech() {
        return Answer.binary(200, "audio/mpeg", MP3_BYTES);
    }

    public static Answer moderation(boolean flagged) {
        JsonObject categories = new JsonObject().put("violence", flagged).put("harassment", false);
        JsonObject scores =
                new JsonObject().put("violence", flagged ? 0.93 : 0.001).put("harassment", 0.0002);
        JsonObject result = new JsonObject()
                .put("flagged", flagged)
                .put("categories", categories)
                .put("category_scores", scores);
        return Answer.json(
                200,
                new JsonObject()
                        .put("id", "modr-970d409ef3bef3b70c73d8232df86e7d")
                        .put("model", "omni-moderation-2024-09-26")
                        .put("results", new JsonArray().add(result)));
    }

    /** Cohere's rerank shape: results by relevance, the index of each document, billed search units. */
    public static Answer rerank(double... scores) {
        JsonArray results = new JsonArray();
        for (int i = 0; i < scores.length; i++) {
            results.add(new JsonObject().put("index", i).put("relevance_score", scores[i]));
        }
        JsonObject meta = new JsonObject().put("billed_units", new JsonObject().put("search_units", 1));
        return Answer.json(
                200,
                new JsonObject()
                        .put("id", "07734bd2-2473-4f07-94e1-0d9f0e6843cf")
                        .put("results", results)
                        .put("meta", meta));
    }

    /** The bytes of a tiny audio file for uploads. */
    public static byte[] audioFile() {
        return "RIFF$\u0000\u0000\u0000WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1);
    }
}
