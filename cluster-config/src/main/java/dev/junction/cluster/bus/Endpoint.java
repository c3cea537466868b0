package dev.junction.cluster.bus;

/**
 * The OpenAI operations Junction serves. Anthropic's Messages API and OpenAI's Responses API are not
 * operations of their own: they travel as {@link #CHAT_COMPLETIONS} with the client's original request
 * attached ({@link SurfaceRequest}), so that every provider can serve them.
 */
public enum Endpoint {
    CHAT_COMPLETIONS("chat/completions", "chat"),
    COMPLETIONS("completions", "completion"),
    EMBEDDINGS("embeddings", "embedding"),
    IMAGE_GENERATIONS("images/generations", "image_generation"),
    AUDIO_TRANSCRIPTIONS("audio/transcriptions", "audio_transcription"),
    AUDIO_SPEECH("audio/speech", "audio_speech"),
    MODERATIONS("moderations", "moderation"),
    /** Cohere's rerank API, which vLLM, Jina and other OpenAI-compatible servers serve beside OpenAI's. */
    RERANK("rerank", "rerank");

    private final String path;
    private final String mode;

    Endpoint(String path, String mode) {
        this.path = path;
        this.mode = mode;
    }

    /** The operation's path relative to an OpenAI-style base URL, e.g. {@code chat/completions}. */
    public String path() {
        return path;
    }

    /** LiteLLM's {@code model_info.mode} for models that serve this operation, e.g. {@code image_generation}. */
    public String mode() {
        return mode;
    }

    /** Whether the operation produces text from a prompt (chat or legacy completions), priced per token. */
    public boolean isTextGeneration() {
        return this == CHAT_COMPLETIONS || this == COMPLETIONS;
    }
}
