package dev.junction.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cluster.bus.FormFile;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.MultipartBodies;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultipartFormTest {
    private static final String BOUNDARY = "----WebKitFormBoundary7MA4YWxkTrZu0gW";

    private static String part(String headers, String content) {
        return "--" + BOUNDARY + "\r\n" + headers + "\r\n\r\n" + content + "\r\n";
    }

    @Test
    void text_fields_become_json_repeated_ones_a_list_and_files_stay_as_sent() {
        String body = "preamble\r\n"
                + part("Content-Disposition: form-data; name=\"model\"", "whisper")
                + part("Content-Disposition: form-data; name=\"timestamp_granularities[]\"", "word")
                + part("Content-Disposition: form-data; name=\"timestamp_granularities[]\"", "segment")
                + part("Content-Disposition: form-data; name=\"stream\"", "false")
                + part(
                        "Content-Disposition: form-data; name=\"file\"; filename=\"a b.wav\"\r\nContent-Type: audio/wav",
                        "RIFF\r\n--not-the-boundary")
                + "--" + BOUNDARY + "--\r\n";

        MultipartForm form =
                MultipartForm.parse("multipart/form-data; boundary=\"" + BOUNDARY + "\"", Buffer.buffer(body));

        assertThat(form.fields())
                .isEqualTo(new JsonObject()
                        .put("model", "whisper")
                        .put(
                                "timestamp_granularities[]",
                                new JsonArray().add("word").add("segment"))
                        .put("stream", "false"));
        assertThat(form.typedFields().getBoolean("stream")).isFalse();
        FormFile file = form.files().get(0);
        assertThat(file.field()).isEqualTo("file");
        assertThat(file.filename()).isEqualTo("a b.wav");
        assertThat(file.contentType()).isEqualTo("audio/wav");
        assertThat(file.data().toString()).isEqualTo("RIFF\r\n--not-the-boundary");
    }

    @Test
    void a_form_junction_encodes_reads_back_the_same() {
        JsonObject fields = new JsonObject()
                .put("model", "whisper-1")
                .put("temperature", 0.2)
                .put("timestamp_granularities[]", new JsonArray().add("word"));
        FormFile file = new FormFile("file", "x.mp3", "audio/mpeg", Buffer.buffer(new byte[] {0, 1, 2, (byte) 255}));

        MultipartBodies.Form encoded = MultipartBodies.encode(fields, List.of(file));
        MultipartForm read = MultipartForm.parse(encoded.contentType(), encoded.body());

        assertThat(read.typedFields().getDouble("temperature")).isEqualTo(0.2);
        assertThat(read.fields().getString("model")).isEqualTo("whisper-1");
        assertThat(read.fields().getJsonArray("timestamp_granularities[]")).containsExactly("word");
        assertThat(read.files().get(0).data().getBytes()).isEqualTo(new byte[] {0, 1, 2, (byte) 255});
    }

    @Test
    void anything_but_a_well_formed_form_is_a_clear_400() {
        assertThatThrownBy(() -> MultipartForm.parse("application/json", Buffer.buffer("{}")))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.param()).contains("file"));
        assertThatThrownBy(() -> MultipartForm.parse("multipart/form-data", Buffer.buffer("x")))
                .hasMessageContaining("names no boundary");
        assertThatThrownBy(() -> MultipartForm.parse(
                        "multipart/form-data; boundary=" + BOUNDARY,
                        Buffer.buffer(
                                "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end")))
                .hasMessageContaining("not closed");
        assertThatThrownBy(() -> MultipartForm.parse(
                        "multipart/form-data; boundary=" + BOUNDARY,
                        Buffer.buffer(part("Content-Type: text/plain", "x") + "--" + BOUNDARY + "--")))
                .hasMessageContaining("no field name");
    }
}
