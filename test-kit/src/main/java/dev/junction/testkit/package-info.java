/**
 * Fake LLM providers for Junction's tests.
 *
 * <p>{@link dev.junction.testkit.FakeUpstream} is a real HTTP server on a free loopback port, scripted per
 * path with {@link dev.junction.testkit.Answer}s (JSON, SSE, mid-stream drops, hangs, delays, endless slow
 * streams). It records every request and notices when the client abandons a response, which is how an
 * end-to-end test proves that a client disconnect or a gateway timeout reached the provider.
 *
 * <p>{@link dev.junction.testkit.OpenAiWire}, {@link dev.junction.testkit.AzureWire} and
 * {@link dev.junction.testkit.AnthropicWire} build the bodies, stream frames and errors each provider
 * really sends; whole bodies and streams live under {@code fixtures/<provider>/} and are read with
 * {@link dev.junction.testkit.Fixtures}. The builders' defaults reproduce those fixtures exactly, which the
 * module's own tests check.
 */
package dev.junction.testkit;
