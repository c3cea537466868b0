package dev.junction.provider.gemini;

import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.chat.DataUrl;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;

/**
 * The content of one OpenAI message (a string, or {@code text} and {@code image_url} parts) as Gemini parts.
 * A base64 {@code data:} image goes inline ({@code inlineData}); a {@code gs://} or http(s) URL goes by
 * reference ({@code fileData}) where the API fetches URLs itself (Vertex AI). Google AI Studio only fetches
 * its own file URIs, and Junction does not download images on the request path, so there an http(s) image is
 * refused with a 400 asking for a data URL.
 */
final class GeminiParts {
    /** The image and document types Gemini takes by URL, by file extension (as LiteLLM guesses them). */
    private static final Map<String, String> MIME_BY_EXTENSION = Map.ofEntries(
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("png", "image/png"),
            Map.entry("webp", "image/webp"),
            Map.entry("gif", "image/gif"),
            Map.entry("pdf", "application/pdf"),
            Map.entry("txt", "text/plain"),
            Map.entry("mp4", "video/mp4"),
            Map.entry("mov", "video/mov"),
            Map.entry("mp3", "audio/mp3"),
            Map.entry("wav", "audio/wav"));

    private final boolean urlsByReference;

    /** @param urlsByReference whether http(s) images may be sent as {@code fileData} (Vertex AI) */
    GeminiParts(boolean urlsByReference) {
        this.urlsByReference = urlsByReference;
    }

    /** The parts of {@code content}; empty text is left out, as Gemini rejects an empty text part. */
    JsonArray of(Object content) {
        JsonArray parts = new JsonArray();
        if (content instanceof String text) {
            addText(parts, text);
        } else if (content instanceof JsonArray list) {
            for (Object item : list) {
                if (!(item instanceof JsonObject part)) {
                    throw GatewayException.badField("messages", "each content part must be an object");
                }
                add(parts, part);
            }
        } else if (content != null) {
            throw GatewayException.badField("messages", "message content must be a string or an array of parts");
        }
        return parts;
    }

    /** The text of {@code content} alone: Gemini's system instruction holds text parts only. */
    JsonArray textOnly(Object content) {
        JsonArray parts = of(content);
        for (Object part : parts) {
            if (!((JsonObject) part).containsKey("text")) {
                throw GatewayException.badField("messages", "gemini system messages may only contain text");
            }
        }
        return parts;
    }

    static void addText(JsonArray parts, String text) {
        if (!text.isEmpty()) {
            parts.add(new JsonObject().put("text", text));
        }
    }

    private void add(JsonArray parts, JsonObject part) {
        String type = part.getString("type", "");
        switch (type) {
            case "text" -> addText(parts, part.getString("text", ""));
            case "image_url" -> parts.add(image(DataUrl.imageUrlOf(part.getValue("image_url"))));
            default -> throw GatewayException.badField(
                    "messages", "gemini does not support content parts of type '" + type + "'");
        }
    }

    private JsonObject image(String url) {
        var inline = DataUrl.parse(url);
        if (inline.isPresent()) {
            JsonObject data = new JsonObject()
                    .put("mimeType", inline.get().mediaType())
                    .put("data", inline.get().base64());
            return new JsonObject().put("inlineData", data);
        }
        String lower = url.toLowerCase(Locale.ROOT);
        boolean web = lower.startsWith("http://") || lower.startsWith("https://");
        if (lower.startsWith("gs://") || (web && urlsByReference)) {
            JsonObject file = new JsonObject().put("mimeType", mimeOf(lower)).put("fileUri", url);
            return new JsonObject().put("fileData", file);
        }
        throw GatewayException.badField(
                "messages",
                web
                        ? "gemini (Google AI Studio) needs images inline: send a base64 data: URL"
                        : "an image url must be a base64 data: URL, gs:// or http(s)");
    }

    private static String mimeOf(String lowerUrl) {
        String path = lowerUrl.replaceAll("[?#].*$", "");
        String extension = path.substring(path.lastIndexOf('.') + 1);
        return MIME_BY_EXTENSION.getOrDefault(extension, "image/jpeg");
    }
}
