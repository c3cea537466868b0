/**
 * Fake LLM providers for Junction's tests.
 *
 * <p>{@link dev.junction.testkit.FakeUpstream} is a real HTTP server on a free loopback port, scripted per
 * path with {@link dev.junction.testkit.Answer}s (JSON, SSE, mid-stream drops, hangs, delays, endless slow
 * streams). It records every request and notices when the client abandons a response, which is how an
 * end-to-end test proves that a client disconnect or a gateway timeout reached the provider.
 *
 * <p>{@link dev.junction.testkit.OpenAiWire}, {@link dev.junction.testkit.AzureWire},
 * {@link dev.junction.testkit.AnthropicWire}, {@link dev.junction.testkit.GeminiWire} (Gemini and Vertex AI),
 * {@link dev.junction.testkit.CohereWire} and {@link dev.junction.testkit.OllamaWire} (NDJSON streams) build the
 * bodies, stream frames and errors each provider really sends; {@link dev.junction.testkit.GoogleServiceAccount}
 * is a throwaway service account with a token server that verifies its signed JWT grants; whole bodies and streams live under {@code fixtures/<provider>/} and are read with
 * {@link dev.junction.testkit.Fixtures}. The builders' defaults reproduce those fixtures exactly, which the
 * module's own tests check.
 */
package dev.junction.testkit;
