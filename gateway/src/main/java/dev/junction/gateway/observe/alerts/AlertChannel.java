package dev.junction.gateway.observe.alerts;

import io.vertx.core.Future;

/** Somewhere alerts go: Slack, a webhook, email. */
interface AlertChannel {
    /** Sends one alert; fails when the receiver did not take it. */
    Future<Void> send(Alert alert);

    /** The channel's name in {@code general_settings.alerting}. */
    String name();

    /** Lets go of what the channel holds (an SMTP client's connections). */
    default void close() {}
}
