package dev.junction.router.stream;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import java.util.List;
import java.util.Locale;

/**
 * Recognises a 400 that refuses a conversation ending with an assistant message, as models without prefill
 * support answer one (Anthropic's newer models: "does not support assistant message prefill"; others: "the
 * final message must be a user message", "last message role must be user", ...).
 */
public final class PrefillRefusal {
    private static final List<String> MARKERS = List.of(
            "prefill",
            "final message must",
            "last message must",
            "last message role",
            "final message role",
            "must end with a user",
            "ending with an assistant",
            "ends with an assistant",
            "assistant message at the end",
            "final assistant content");

    private PrefillRefusal() {}

    /** Whether {@code error} is a deployment refusing the request's trailing assistant message. */
    public static boolean is(GatewayException error) {
        if (error.kind() != ErrorKind.BAD_REQUEST && error.kind() != ErrorKind.UNPROCESSABLE) {
            return false;
        }
        String message = String.valueOf(error.getMessage()).toLowerCase(Locale.ROOT);
        return message.contains("assistant") && MARKERS.stream().anyMatch(message::contains)
                || message.contains("prefill");
    }
}
