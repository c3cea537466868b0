/**
 * Pieces of the OpenAI chat format that every translating provider (Anthropic, Bedrock, SageMaker, Gemini,
 * Vertex AI, Cohere, Ollama) reads or writes the same way: request parameters, message text, tool calls and
 * their arguments, data URLs, and the chunks of a translated stream.
 */
package dev.junction.provider.chat;
