/**
 * The one hook point through which cross-cutting concerns (metrics, traces, alerts, log callbacks, and
 * later a response cache or stream continuation) watch the request path.
 *
 * <p>The gateway's HTTP layer opens a {@link dev.junction.cluster.observe.CallObservation} when a call
 * arrives and ends it when the answer (or the stream) has gone out; the router reports its key checks,
 * attempts and fallbacks on the same observation, which travels with the request
 * ({@link dev.junction.cluster.bus.LlmRequest#observation()}). Observers live in the gateway
 * ({@code dev.junction.gateway.observe}); nothing on the request path names one of them. With no observer
 * configured every event goes to a shared no-op, so the request path pays nothing for them.
 */
package dev.junction.cluster.observe;
