/**
 * Pieces of the OpenAI chat format that every translating provider (Anthropic, Bedrock, ...) reads or writes the
 * same way: request parameters, tool-call arguments, data URLs and the chunks of a translated stream.
 */
package dev.junction.provider.chat;
