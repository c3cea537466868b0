package dev.junction.cluster.bus;

/** The OpenAI operations Junction serves. */
public enum Endpoint {
    CHAT_COMPLETIONS("chat/completions"),
    COMPLETIONS("completions"),
    EMBEDDINGS("embeddings");

    private final String path;

    Endpoint(String path) {
        this.path = path;
    }

    /** The operation's path relative to an OpenAI-style base URL, e.g. {@code chat/completions}. */
    public String path() {
        return path;
    }
}
