package dev.junction.gateway.observe.alerts;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code alerting: ["email"]}: each alert as a plain-text mail, sent with Vert.x's SMTP client and configured
 * by LiteLLM's variables: {@code SMTP_HOST}, {@code SMTP_PORT} (587), {@code SMTP_USERNAME} and {@code
 * SMTP_PASSWORD} (logs in when both are set), {@code SMTP_SENDER_EMAIL}, {@code SMTP_TLS} (STARTTLS required
 * unless it is {@code False}). The recipients are the comma-separated {@code SMTP_RECIPIENTS}.
 */
final class EmailChannel implements AlertChannel {
    private static final Logger LOG = LoggerFactory.getLogger(EmailChannel.class);
    static final int DEFAULT_PORT = 587;

    private final MailClient client;
    private final String sender;
    private final List<String> recipients;

    private EmailChannel(MailClient client, String sender, List<String> recipients) {
        this.client = client;
        this.sender = sender;
        this.recipients = recipients;
    }

    /** The channel the variables describe, or null (with a warning saying what is missing). */
    static EmailChannel create(Vertx vertx, Function<String, String> variables) {
        String host = variables.apply("SMTP_HOST");
        String sender = variables.apply("SMTP_SENDER_EMAIL");
        List<String> recipients = recipients(variables.apply("SMTP_RECIPIENTS"));
        if (host == null || sender == null || recipients.isEmpty()) {
            LOG.warn("alerting names email, but SMTP_HOST, SMTP_SENDER_EMAIL or SMTP_RECIPIENTS is not set");
            return null;
        }
        int port;
        try {
            port = variables.apply("SMTP_PORT") == null ? DEFAULT_PORT : Integer.parseInt(variables.apply("SMTP_PORT"));
        } catch (NumberFormatException notANumber) {
            LOG.warn("alerting names email, but SMTP_PORT is not a port number; no email is sent");
            return null;
        }
        return new EmailChannel(MailClient.create(vertx, config(host, port, variables)), sender, recipients);
    }

    private static MailConfig config(String host, int port, Function<String, String> variables) {
        String username = variables.apply("SMTP_USERNAME");
        String password = variables.apply("SMTP_PASSWORD");
        boolean tls = !"false".equalsIgnoreCase(variables.apply("SMTP_TLS"));
        boolean login = username != null && password != null;
        return new MailConfig()
                .setHostname(host)
                .setPort(port)
                .setStarttls(tls ? StartTLSOptions.REQUIRED : StartTLSOptions.DISABLED)
                .setLogin(login ? LoginOption.REQUIRED : LoginOption.DISABLED)
                .setUsername(login ? username : null)
                .setPassword(login ? password : null)
                .setKeepAlive(false);
    }

    private static List<String> recipients(String list) {
        return list == null
                ? List.of()
                : Arrays.stream(list.split(","))
                        .map(String::strip)
                        .filter(address -> !address.isEmpty())
                        .toList();
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public Future<Void> send(Alert alert) {
        MailMessage mail = new MailMessage()
                .setFrom(sender)
                .setTo(recipients)
                .setSubject("Junction alert (" + alert.level() + "): " + alert.title())
                .setText(text(alert));
        return client.sendMail(mail).mapEmpty();
    }

    /** The alert as the body of a mail: what happened, its level and time, its details and fields. */
    static String text(Alert alert) {
        StringBuilder text = new StringBuilder()
                .append(alert.title())
                .append("\n\nLevel: ")
                .append(alert.level())
                .append("\nType: ")
                .append(alert.type())
                .append("\nTimestamp: ")
                .append(Instant.now())
                .append("\n\n")
                .append(alert.message())
                .append('\n');
        if (!alert.fields().isEmpty()) {
            text.append('\n');
            alert.fields().forEach(field -> text.append(field.getKey().toLowerCase(Locale.ROOT))
                    .append(": ")
                    .append(field.getValue())
                    .append('\n'));
        }
        return text.toString();
    }

    @Override
    public void close() {
        client.close();
    }
}
