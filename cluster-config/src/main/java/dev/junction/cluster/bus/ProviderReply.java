package dev.junction.cluster.bus;

import io.vertx.core.buffer.Buffer;

/**
 * A provider verticle's successful answer, in OpenAI's wire format, or in the inbound API's own format when
 * the deployment speaks that API natively and the request was passed through ({@link SurfaceRequest}).
 */
public sealed interface ProviderReply {
    /** The content type of JSON answers. */
    String JSON = "application/json";

    /**
     * A whole response.
     *
     * @param body the body: OpenAI's JSON, the native API's JSON when passed through, or audio bytes
     * @param usage the usage it reports
     * @param finishReason the first choice's finish reason (in OpenAI's terms), or null
     * @param contentType the body's content type
     * @param passedThrough whether the body is in the inbound API's own format rather than OpenAI's
     */
    record Complete(Buffer body, Usage usage, String finishReason, String contentType, boolean passedThrough)
            implements ProviderReply {

        /** An OpenAI-format JSON answer. */
        public Complete(Buffer body, Usage usage, String finishReason) {
            this(body, usage, finishReason, JSON, false);
        }
    }

    /**
     * A stream whose head arrived with a success status; its chunks follow.
     *
     * @param passedThrough whether the frames are the inbound API's own events rather than OpenAI chunks
     */
    record Streaming(ChunkStream stream, boolean passedThrough) implements ProviderReply {

        /** A stream of OpenAI chunks. */
        public Streaming(ChunkStream stream) {
            this(stream, false);
        }
    }
}
