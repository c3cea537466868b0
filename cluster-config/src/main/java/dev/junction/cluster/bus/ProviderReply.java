package dev.junction.cluster.bus;

import io.vertx.core.buffer.Buffer;

/** A provider verticle's successful answer, already in OpenAI's wire format. */
public sealed interface ProviderReply {

    /**
     * A whole response.
     *
     * @param body the OpenAI-format JSON body
     * @param usage the usage it reports
     * @param finishReason the first choice's finish reason, or null
     */
    record Complete(Buffer body, Usage usage, String finishReason) implements ProviderReply {}

    /** A stream whose head arrived with a success status; its chunks follow. */
    record Streaming(ChunkStream stream) implements ProviderReply {}
}
