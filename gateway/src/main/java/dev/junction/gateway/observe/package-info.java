/**
 * What an operator sees of a node besides its answers: Prometheus metrics, OpenTelemetry traces, health
 * checks, alerts, JSON logs and log callbacks. Each is a {@link dev.junction.cluster.observe.CallObserver}
 * (the hook the request path offers, in cluster-config) or a route, assembled by {@link
 * dev.junction.gateway.observe.Observability}; none is called from a handler directly.
 */
package dev.junction.gateway.observe;
