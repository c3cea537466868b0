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
    private static final String ATTEMPTS = "dev.junction.gateway.observe.logs.AttemptLog";

    private static GatewayHarness gateway;
    private static E2eClient client;
    private ListAppender<ILoggingEvent> logged;

    @BeforeAll
    static void start() throws Exception {
        // As --detailed_debug sets it before the node starts, which then watches each call's attempts.
        logger(ATTEMPTS).setLevel(Level.DEBUG);
        gateway = GatewayHarness.start("/e2e/gateway.yaml");
        client = new E2eClient(gateway, "sk-master-e2e");
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        logger(ATTEMPTS).setLevel(null);
    }

    @BeforeEach
    void listen() {
        gateway.upstream.reset();
        logged = new ListAppender<>();
        logged.start();
        logger(ERRORS).addAppender(logged);
        logger(REQUESTS).addAppender(logged);
        logger(ATTEMPTS).addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        logger(ERRORS).detachAppender(logged);
        logger(REQUESTS).detachAppender(logged);
        logger(ATTEMPTS).detachAppender(logged);
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

    @Test
    void detailed_debug_logs_each_attempt_with_its_deployment_status_and_duration_and_the_outcome() throws Exception {
        gateway.upstream.on("/picky-fb/v1/chat/completions").replyAlways(OpenAiWire.serverError());
        gateway.upstream
                .on("/picky-backup/v1/chat/completions")
                .replyAlways(OpenAiWire.chat("gpt-4o-mini").answer());

        HttpResponse<String> served = client.chat(chatBody("picky-with-fallback"));

        assertThat(served.statusCode()).isEqualTo(200);
        String callId = header(served, "x-litellm-call-id");
        List<ILoggingEvent> events = logged.list.stream()
                .filter(event -> event.getLoggerName().equals(ATTEMPTS))
                .toList();
        assertThat(events)
                .allSatisfy(event -> assertThat(event.getKeyValuePairs()).anySatisfy(pair -> {
                    assertThat(pair.key).isEqualTo("call_id");
                    assertThat(pair.value).isEqualTo(callId);
                }));
        List<String> lines =
                events.stream().map(ILoggingEvent::getFormattedMessage).toList();
        int failedAttempts =
                gateway.upstream.requests("/picky-fb/v1/chat/completions").size();
        assertThat(failedAttempts).isPositive();
        assertThat(lines).hasSize(failedAttempts + 3);
        for (int i = 0; i < failedAttempts; i++) {
            assertThat(lines.get(i))
                    .matches("attempt " + (i + 1) + " group=picky-with-fallback deployment=\\S+"
                            + " model=openai/gpt-4o-mini retry=" + i
                            + " status=500 error=InternalServerError: .* in \\d+\\.\\d ms");
        }
        assertThat(lines.get(failedAttempts))
                .startsWith("fallback from group=picky-with-fallback to group=picky-backup after InternalServerError");
        assertThat(lines.get(failedAttempts + 1))
                .matches("attempt " + (failedAttempts + 1) + " group=picky-backup deployment="
                        + header(served, "x-litellm-model-id")
                        + " model=openai/gpt-4o-mini retry=0 status=200 in \\d+\\.\\d ms");
        assertThat(lines.get(failedAttempts + 2))
                .matches("/v1/chat/completions succeeded after " + (failedAttempts + 1)
                        + " attempt\\(s\\): status=200 in \\d+\\.\\d ms");
        assertThat(String.join("\n", lines)).doesNotContain("sk-picky-upstream");
    }
}
