package dev.junction.config;

/** The wire formats Junction speaks upstream; each has one provider verticle. */
public enum ProviderFamily {
    /** OpenAI and every server that speaks its API (vLLM, Groq, Together, Mistral, ...). */
    OPENAI,
    AZURE,
    ANTHROPIC,
    /** AWS Bedrock's Converse and InvokeModel APIs, signed with SigV4. */
    BEDROCK,
    /** AWS SageMaker endpoints (InvokeEndpoint), signed with SigV4. */
    SAGEMAKER,
    /** Google AI Studio's Gemini API ({@code generateContent}), keyed by API key. */
    GEMINI,
    /** Google Cloud Vertex AI: Gemini, Anthropic's models and text embeddings, with OAuth2 access tokens. */
    VERTEX,
    /** Cohere's v2 chat and embed APIs. */
    COHERE,
    /** Hugging Face's inference router and Inference Endpoints / TGI (OpenAI-format chat). */
    HUGGINGFACE,
    /** Ollama's native API ({@code /api/chat}, {@code /api/generate}, {@code /api/embed}; NDJSON streams). */
    OLLAMA
}
