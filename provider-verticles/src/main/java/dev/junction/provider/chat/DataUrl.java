package dev.junction.provider.chat;

import java.util.Locale;
import java.util.Optional;

/**
 * A base64 {@code data:} URL, {@code data:<media type>[;<parameter>...];base64,<data>}, as clients send inline
 * images.
 *
 * @param mediaType e.g. {@code image/png}
 * @param base64 the data, still base64-encoded
 */
public record DataUrl(String mediaType, String base64) {

    /** The parts of a base64 data URL, or empty for anything else (an http URL, a malformed one). */
    public static Optional<DataUrl> parse(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        int comma = url.indexOf(',');
        if (!lower.startsWith("data:")
                || comma < 0
                || !lower.substring(0, comma).endsWith(";base64")) {
            return Optional.empty();
        }
        return Optional.of(new DataUrl(url.substring("data:".length(), url.indexOf(';')), url.substring(comma + 1)));
    }

    /** The URL of an {@code image_url} content part (an object with {@code url}, or the bare URL), or null. */
    public static String imageUrlOf(Object imageUrl) {
        if (imageUrl instanceof String bare) {
            return bare.strip();
        }
        if (imageUrl instanceof io.vertx.core.json.JsonObject object && object.getValue("url") instanceof String url) {
            return url.strip();
        }
        return null;
    }
}
