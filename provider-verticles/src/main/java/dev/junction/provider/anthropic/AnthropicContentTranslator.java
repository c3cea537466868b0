package dev.junction.provider.anthropic;

import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.chat.DataUrl;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * The content of one OpenAI message (a string, or an array of {@code text} and {@code image_url} parts) as
 * Anthropic content blocks. A part's {@code cache_control} is kept, so prompt caching works through the
 * gateway as it does through LiteLLM.
 */
final class AnthropicContentTranslator {

    /** The content as blocks; empty text is left out, because Anthropic rejects an empty text block. */
    JsonArray blocks(Object content) {
        JsonArray blocks = new JsonArray();
        if (content == null) {
            return blocks;
        }
        if (content instanceof String text) {
            addText(blocks, text, null);
            return blocks;
        }
        if (!(content instanceof JsonArray parts)) {
            throw GatewayException.badField("messages", "message content must be a string or an array of parts");
        }
        for (int i = 0; i < parts.size(); i++) {
            addPart(blocks, parts.getJsonObject(i));
        }
        return blocks;
    }

    /** A system prompt's blocks: Anthropic's {@code system} holds text only. */
    JsonArray textBlocks(Object content) {
        JsonArray blocks = blocks(content);
        for (int i = 0; i < blocks.size(); i++) {
            if (!"text".equals(blocks.getJsonObject(i).getString("type"))) {
                throw GatewayException.badField("messages", "anthropic system messages may only contain text");
            }
        }
        return blocks;
    }

    private static void addPart(JsonArray blocks, JsonObject part) {
        String type = part.getString("type", "");
        JsonObject cacheControl = part.getJsonObject("cache_control");
        switch (type) {
            case "text" -> addText(blocks, part.getString("text", ""), cacheControl);
            case "image_url" -> blocks.add(withCacheControl(image(part.getValue("image_url")), cacheControl));
            default -> throw GatewayException.badField(
                    "messages", "anthropic does not support content parts of type '" + type + "'");
        }
    }

    private static void addText(JsonArray blocks, String text, JsonObject cacheControl) {
        if (!text.isEmpty()) {
            blocks.add(withCacheControl(new JsonObject().put("type", "text").put("text", text), cacheControl));
        }
    }

    private static JsonObject withCacheControl(JsonObject block, JsonObject cacheControl) {
        return cacheControl == null ? block : block.put("cache_control", cacheControl);
    }

    /**
     * An {@code image_url} (an object with {@code url}, or the bare URL) as an image block: a {@code data:} URL
     * is sent inline as base64, an http(s) URL for Anthropic to fetch itself.
     */
    static JsonObject image(Object imageUrl) {
        String url = DataUrl.imageUrlOf(imageUrl);
        return new JsonObject().put("type", "image").put("source", imageSource(url));
    }

    /**
     * The reverse of {@link #image}: an image block's {@code source} as the URL of an OpenAI {@code image_url}
     * part; null for a source with no URL form (an uploaded file).
     */
    static String imageUrl(JsonObject source) {
        return switch (String.valueOf(source.getValue("type"))) {
            case "base64" -> "data:" + source.getValue("media_type") + ";base64," + source.getValue("data");
            case "url" -> source.getValue("url") instanceof String url ? url : null;
            default -> null;
        };
    }

    private static JsonObject imageSource(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return new JsonObject().put("type", "url").put("url", url);
        }
        DataUrl data = DataUrl.parse(url)
                .orElseThrow(() ->
                        GatewayException.badField("messages", "an image url must be http(s) or a base64 data: URL"));
        return new JsonObject()
                .put("type", "base64")
                .put("media_type", data.mediaType())
                .put("data", data.base64());
    }
}
