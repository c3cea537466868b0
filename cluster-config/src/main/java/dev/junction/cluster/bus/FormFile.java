package dev.junction.cluster.bus;

import io.vertx.core.buffer.Buffer;
import java.util.Objects;

/**
 * A file part of a {@code multipart/form-data} request (an audio file to transcribe). The form's text fields
 * travel as the request's JSON body; its files travel beside it, as received.
 *
 * @param field the form field name, e.g. {@code file}
 * @param filename the file name the client gave, or null
 * @param contentType the part's content type, or null
 * @param data the file's bytes
 */
public record FormFile(String field, String filename, String contentType, Buffer data) {
    public FormFile {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(data, "data");
    }
}
