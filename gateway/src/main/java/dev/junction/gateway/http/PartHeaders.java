package dev.junction.gateway.http;

import dev.junction.cluster.error.GatewayException;
import java.util.Locale;

/**
 * The headers of one part of a multipart form: its field name and, for a file, the file name and content
 * type ({@code Content-Disposition: form-data; name="file"; filename="a.mp3"}, {@code Content-Type}).
 */
record PartHeaders(String name, String filename, String contentType) {

    static PartHeaders parse(String block) {
        String name = null;
        String filename = null;
        String contentType = null;
        for (String line : block.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String header = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (header.equals("content-disposition")) {
                name = parameter(value, "name");
                filename = parameter(value, "filename");
            } else if (header.equals("content-type")) {
                contentType = value;
            }
        }
        if (name == null || name.isEmpty()) {
            throw GatewayException.badField(null, "Malformed multipart/form-data body: a part has no field name");
        }
        return new PartHeaders(name, filename, contentType);
    }

    /**
     * Whether the part is a file: it has a file name, or a content type of its own other than plain text (some
     * clients send uploaded bytes without a name).
     */
    boolean isFile() {
        return filename != null
                || contentType != null && !contentType.toLowerCase(Locale.ROOT).startsWith("text/plain");
    }

    /** A {@code key="value"} (or unquoted) parameter of a header value, or null. */
    private static String parameter(String value, String key) {
        for (String parameter : value.split(";")) {
            String trimmed = parameter.strip();
            int equals = trimmed.indexOf('=');
            if (equals > 0 && trimmed.substring(0, equals).strip().equalsIgnoreCase(key)) {
                String raw = trimmed.substring(equals + 1).strip();
                return raw.length() > 1 && raw.startsWith("\"") && raw.endsWith("\"")
                        ? raw.substring(1, raw.length() - 1)
                        : raw;
            }
        }
        return null;
    }
}
