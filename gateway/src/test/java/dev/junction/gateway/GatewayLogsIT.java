package dev.junction.gateway;

import static dev.junction.gateway.E2eClient.chatBody;
import static dev.junction.gateway.E2eClient.header;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.junction.testkit.Answer;
import dev.junction.testkit.OpenAiWire;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What an operator reads: every 500 once with its cause, and with --detailed_debug one line per request. */
class GatewayLogsIT {
    private static final String ERRORS = "dev.junction.gateway.http.ErrorResponder";
    private static final String REQUESTS = "dev.junction.gateway.http.RequestLog";

    private static GatewayHarness gateway;
    private static E2eClient client;
    private ListAppender<ILoggingEvent> logged;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayHarness.start("/e2e/gateway.yaml");
        client = new E2eClient(gateway, "sk-master-e2e");
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @BeforeEach
    void listen() {
        gateway.upstream.reset();
        logged = new ListAppender<>();
        logged.start();
        logger(ERRORS).addAppender(logged);
        logger(REQUESTS).addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        logger(ERRORS).detachAppender(logged);
        logger(REQUESTS).detachAppender(logged);
        logger(REQUESTS).setLevel(null);
    }

    private static Logger logger(String name) {
        return (Logger) LoggerFactory.getLogger(name);
    }

    private List<String> lines(String loggerName) {
        return logged.list.stream()
                .filter(event -> event.getLoggerName().equals(loggerName))
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @Test
    void every_500_is_logged_once_with_its_cause() throws Exception {
        gateway.upstream.on("/flaky/v1/chat/completions").reply(OpenAiWire.serverError(), Answer.drop());

        HttpResponse<String> upstreamError = client.chat(chatBody("flaky"));
        HttpResponse<String> connectionLost = client.chat(chatBody("flaky"));

        assertThat(upstreamError.statusCode()).isEqualTo(500);
        assertThat(connectionLost.statusCode()).isEqualTo(500);
        List<String> lines = lines(ERRORS);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("500 for POST /v1/chat/completions: litellm.InternalServerError");
        assertThat(lines.get(1)).startsWith("500 for POST /v1/chat/completions: litellm.APIConnectionError");
        assertThat(String.join("\n", lines)).doesNotContain("sk-flaky");
    }

    @Test
    void detailed_debug_logs_each_requests_route_deployment_and_outcome_in_one_line() throws Exception {
        logger(REQUESTS).setLevel(Level.DEBUG);
        gateway.upstream
                .on("/openai/v1/chat/completions")
                .reply(OpenAiWire.chat("gpt-4o").answer());

        HttpResponse<String> served = client.chat(chatBody("gpt-4o"));
        HttpResponse<String> unknown = client.chat(chatBody("no-such-model"));

        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(lines(REQUESTS))
                .hasSize(2)
                .satisfiesExactly(
                        line -> assertThat(line)
                                .startsWith("POST /v1/chat/completions model=gpt-4o group=gpt-4o deployment="
                                        + header(served, "x-litellm-model-id") + " attempts=1 status=200 in "),
                        line -> assertThat(line)
                                .startsWith("POST /v1/chat/completions model=no-such-model group=- deployment=-"
                                        + " attempts=- status=400 in "));
    }
}
