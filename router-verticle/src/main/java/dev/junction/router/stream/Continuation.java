package dev.junction.router.stream;

import dev.junction.config.ProviderFamily;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * How a chat request is sent so that the model carries on an answer instead of starting one: the answer so
 * far becomes the conversation's last assistant message.
 *
 * <p>Anthropic's API continues such a message as a prefill. OpenAI-format servers have no prefill (they answer
 * an assistant message with a new one), so they get the answer so far followed by a user message asking for
 * the rest. A deployment that refuses a prefill gets that form too. A request whose own last message is an
 * assistant message (the client's prefill) is continued from that message plus what was streamed after it.
 */
public final class Continuation {
    /** Worded so the model writes the next characters only: no greeting, no summary, no repeat. */
    static final String INSTRUCTION = "Your previous reply was cut off. Continue it from exactly where it stopped:"
            + " write only the text that comes next, without repeating anything and without any introduction.";

    private Continuation() {}

    /**
     * The body to send a deployment of {@code family} for {@code body}.
     *
     * @param streamed the answer text the client already has from earlier attempts, or "" when none
     * @param prefillRefused whether a deployment of this call refused a trailing assistant message
     * @return {@code body} itself when nothing is to be continued
     */
    public static JsonObject shape(JsonObject body, ProviderFamily family, String streamed, boolean prefillRefused) {
        if (!(body.getValue("messages") instanceof JsonArray messages) || messages.isEmpty()) {
            return body;
        }
        JsonObject last = messages.getValue(messages.size() - 1) instanceof JsonObject message ? message : null;
        String ownPrefill = last != null && "assistant".equals(last.getValue("role")) ? textOf(last) : null;
        if (streamed.isEmpty() && !(prefillRefused && ownPrefill != null)) {
            return body;
        }
        JsonArray shaped = messages.copy();
        String prefill = streamed;
        if (ownPrefill != null) {
            shaped.remove(shaped.size() - 1);
            prefill = ownPrefill + streamed;
        }
        if (family == ProviderFamily.ANTHROPIC && !prefillRefused) {
            // Anthropic refuses a prefill that ends in white space; the model writes it again, and the stream
            // drops it as text the client already has.
            shaped.add(assistant(prefill.stripTrailing()));
        } else {
            shaped.add(assistant(prefill));
            shaped.add(new JsonObject().put("role", "user").put("content", INSTRUCTION));
        }
        return body.copy().put("messages", shaped);
    }

    /** Whether {@code body}, as shaped, ends with an assistant message: what a refused prefill is about. */
    public static boolean endsWithAssistant(JsonObject body) {
        return body.getValue("messages") instanceof JsonArray messages
                && !messages.isEmpty()
                && messages.getValue(messages.size() - 1) instanceof JsonObject last
                && "assistant".equals(last.getValue("role"));
    }

    private static JsonObject assistant(String text) {
        return new JsonObject().put("role", "assistant").put("content", text);
    }

    /** The text of a message: its string content, or its text parts joined. */
    private static String textOf(JsonObject message) {
        Object content = message.getValue("content");
        if (content instanceof String text) {
            return text;
        }
        StringBuilder text = new StringBuilder();
        if (content instanceof JsonArray parts) {
            for (Object part : parts) {
                if (part instanceof JsonObject fields && fields.getValue("text") instanceof String piece) {
                    text.append(piece);
                }
            }
        }
        return text.toString();
    }
}
