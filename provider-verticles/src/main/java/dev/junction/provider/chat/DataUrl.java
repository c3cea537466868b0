package dev.junction.provider.chat;

import dev.junction.cluster.error.GatewayException;
import java.util.Locale;
import java.util.Optional;

/**
 * A base64 {@code data:} URL, {@code data:<media type>[;<parameter>...];base64,<data>}: how OpenAI clients
 * send images inline, and what providers that take inline bytes (Anthropic, Bedrock, Gemini, Ollama) need split apart.
 *
 * @param mediaType e.g. {@code image/png}
 * @param base64 the data, still encoded
 */
public record DataUrl(String mediaType, String base64) {

    /** The URL's parts, or empty when it is not a base64 data URL. */
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

    /** The url of an OpenAI {@code image_url} part: an object with {@code url}, or the bare URL. */
    public static String imageUrlOf(Object imageUrl) {
        String url = imageUrl instanceof io.vertx.core.json.JsonObject object ? object.getString("url") : null;
        if (imageUrl instanceof String bare) {
            url = bare;
        }
        if (url == null) {
            throw GatewayException.badField("messages", "an image_url part needs a url");
        }
        return url.strip();
    }
}
