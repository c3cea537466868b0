package dev.junction.provider.openai;

import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.Usage;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;

/**
 * Answers of the audio operations, which are not always JSON: speech is audio in the format the request
 * asked for, and a transcription asked for as {@code text}, {@code srt} or {@code vtt} is plain text. Their
 * content types are those OpenAI sends.
 */
final class AudioAnswers {
    private static final Map<String, String> SPEECH_TYPES = Map.of(
            "mp3", "audio/mpeg",
            "opus", "audio/opus",
            "aac", "audio/aac",
            "flac", "audio/flac",
            "wav", "audio/wav",
            "pcm", "audio/pcm");
    private static final Set<String> TEXT_TRANSCRIPTIONS = Set.of("text", "srt", "vtt");

    private AudioAnswers() {}

    static ProviderReply.Complete complete(ProviderCall call, Buffer body, String label) {
        JsonObject request = call.request().body();
        return switch (call.request().endpoint()) {
            case AUDIO_SPEECH -> new ProviderReply.Complete(body, Usage.NONE, null, speechType(request), false);
            default -> TEXT_TRANSCRIPTIONS.contains(String.valueOf(request.getValue("response_format")))
                    ? new ProviderReply.Complete(body, Usage.NONE, null, "text/plain; charset=utf-8", false)
                    : OpenAiResponses.complete(body, label);
        };
    }

    private static String speechType(JsonObject request) {
        if ("sse".equals(request.getValue("stream_format"))) {
            return "text/event-stream";
        }
        Object format = request.getValue("response_format");
        return SPEECH_TYPES.getOrDefault(format == null ? "mp3" : String.valueOf(format), "application/octet-stream");
    }
}
