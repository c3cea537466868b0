package dev.junction.provider.openai;

import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * A Responses API answer of OpenAI or Azure, relayed as it is: only its usage and how it ended are read, in
 * OpenAI chat terms, for limits, spend and content-policy fallbacks.
 */
final class ResponsesPassThrough {
    private ResponsesPassThrough() {}

    static ProviderReply.Complete complete(Buffer body, String label) {
        JsonObject response;
        try {
            response = body.toJsonObject();
        } catch (DecodeException | ClassCastException notJson) {
            throw GatewayException.of(
                    ErrorKind.BAD_GATEWAY,
                    ErrorKind.BAD_GATEWAY.describe(label + " - the upstream answered with a body that is not JSON"));
        }
        return new ProviderReply.Complete(
                body, usage(response.getValue("usage")), finishReason(response), ProviderReply.JSON, true);
    }

    /** A response's {@code usage} ({@code input_tokens}, {@code output_tokens}, {@code total_tokens}). */
    static Usage usage(Object usage) {
        return Usage.fromResponses(usage);
    }

    /** How the response ended, as a chat finish reason: cut by the token limit, by the content filter, or not. */
    static String finishReason(JsonObject response) {
        if (!"incomplete".equals(response.getValue("status"))) {
            return "stop";
        }
        Object details = response.getValue("incomplete_details");
        Object reason = details instanceof JsonObject object ? object.getValue("reason") : null;
        return "content_filter".equals(reason) ? "content_filter" : "length";
    }
}
