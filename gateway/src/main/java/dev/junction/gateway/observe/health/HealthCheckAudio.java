package dev.junction.gateway.observe.health;

import dev.junction.cluster.bus.FormFile;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * The recording a transcription deployment's health check uploads: half a second of silence as a 16 kHz mono
 * WAV file, long enough for every speech-to-text API's minimum, small enough to cost next to nothing. Made once,
 * by the JDK's own audio writer.
 */
final class HealthCheckAudio {
    static final String FILENAME = "audio_health_check.wav";

    private static final float SAMPLE_RATE = 16_000f;
    private static final byte[] WAV = silence(SAMPLE_RATE / 2);

    private HealthCheckAudio() {}

    static FormFile file() {
        return new FormFile("file", FILENAME, "audio/wav", Buffer.buffer(WAV));
    }

    private static byte[] silence(float frames) {
        AudioFormat format = new AudioFormat(SAMPLE_RATE, 16, 1, true, false);
        byte[] samples = new byte[(int) frames * format.getFrameSize()];
        try (AudioInputStream audio = new AudioInputStream(new ByteArrayInputStream(samples), format, (long) frames);
                ByteArrayOutputStream wav = new ByteArrayOutputStream()) {
            AudioSystem.write(audio, AudioFileFormat.Type.WAVE, wav);
            return wav.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the health check's WAV file", e);
        }
    }
}
