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
    SAGEMAKER
}
