package dev.junction.provider.sse;

/**
 * One Server-Sent Event.
 *
 * @param event the {@code event:} field, or null when absent
 * @param data the {@code data:} lines joined by newlines
 */
public record SseEvent(String event, String data) {}
