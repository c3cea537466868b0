package dev.junction.gateway.observe.logs;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import java.util.Iterator;
import org.slf4j.LoggerFactory;

/**
 * {@code json_logs: true} (or {@code JSON_LOGS=True}): every log line becomes one JSON object, written by
 * Logback's own {@link JsonEncoder}: {@code timestamp} (epoch millis), {@code level}, {@code loggerName},
 * {@code threadName}, {@code formattedMessage}, the line's key-value pairs ({@code kvpList}: a request's
 * {@code call_id}, ...) and any {@code throwable}.
 */
public final class JsonLogs {
    private JsonLogs() {}

    /** Replaces the encoder of every console or file appender of the root logger. Idempotent. */
    public static void install() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another SLF4J backend: its own configuration decides
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof OutputStreamAppender<ILoggingEvent> appender
                    && !(appender.getEncoder() instanceof JsonEncoder)) {
                appender.stop();
                appender.setEncoder(encoder(context));
                appender.start();
            }
        }
    }

    private static JsonEncoder encoder(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithMarkers(false);
        encoder.setWithArguments(false);
        encoder.setWithMessage(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();
        return encoder;
    }
}
