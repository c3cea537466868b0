package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.models.Model;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's quick start and client examples, read from README.md itself, run against the packaged jar started
 * as the README starts it (no {@code --config}: the demo), so that the README cannot drift from what works. The
 * SDK snippets run with the OpenAI Java SDK (the Python one with its values); the curl examples as the same HTTP
 * requests. Only the port differs: the README's 4000 becomes a free one.
 */
class ReadmeExamplesIT {
    private static final String README_ORIGIN = "http://localhost:4000";
    private static Readme readme;
    private static JarNode demo;
    private static String origin;

    @BeforeAll
    static void startTheDemo() throws Exception {
        readme = Readme.load();
        int clusterPort = JarNode.freePort();
        demo = JarNode.launch("readme-demo", null, "readme-" + UUID.randomUUID(), clusterPort, List.of(clusterPort));
        demo.awaitMembers(1, Duration.ofSeconds(120));
        origin = "http://127.0.0.1:" + demo.httpPort;
    }

    @AfterAll
    static void stop() throws Exception {
        demo.close();
    }

    /** A README URL on this test's demo: {@code http://localhost:4000/...} with the free port instead. */
    private static String onTheDemo(String url) {
        assertThat(url)
                .as("the README's examples talk to the quick start's gateway")
                .startsWith(README_ORIGIN);
        return origin + url.substring(README_ORIGIN.length());
    }

    /** What {@code call} gets from an SDK client built as the README builds it. */
    private static <T> T withClient(String baseUrl, String apiKey, Function<OpenAIClient, T> call) {
        OpenAIClient client = OpenAIOkHttpClient.builder()
                .baseUrl(onTheDemo(baseUrl))
                .apiKey(apiKey)
                .build();
        try {
            return call.apply(client);
        } finally {
            client.close();
        }
    }

    private static String answer(String baseUrl, String apiKey, String model, String userMessage) {
        ChatCompletion answer = withClient(baseUrl, apiKey, client -> client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model(model)
                        .addUserMessage(userMessage)
                        .build()));
        return answer.choices().get(0).message().content().orElseThrow();
    }

    @Test
    void the_demo_serves_exactly_the_models_the_quick_start_names() {
        String names = Readme.find(readme.section("Quick start"), "The demo serves (.*?), all answering");
        List<String> named = Readme.findAll(names, "`([^`]+)`");
        assertThat(named).isNotEmpty();

        List<String> served =
                withClient(README_ORIGIN + "/v1", "sk-any", client -> client.models()
                                .list()
                                .data())
                        .stream()
                        .map(Model::id)
                        .toList();
        assertThat(served).containsExactlyInAnyOrderElementsOf(named);
    }

    @Test
    void the_java_snippet_gets_the_demo_models_answer() {
        String java = Readme.block(readme.section("Using it from clients"), "java");
        String model = Readme.find(java, "\\.model\\(\"([^\"]+)\"\\)");

        String content = answer(
                Readme.find(java, "\\.baseUrl\\(\"([^\"]+)\"\\)"),
                Readme.find(java, "\\.apiKey\\(\"([^\"]+)\"\\)"),
                model,
                Readme.find(java, "\\.addUserMessage\\(\"([^\"]+)\"\\)"));
        assertThat(content).startsWith("Hello from Junction's demo " + model + ".");
    }

    @Test
    void the_python_snippets_values_get_the_demo_models_answer() {
        String python = Readme.block(readme.section("Using it from clients"), "python");
        String model = Readme.find(python, "model=\"([^\"]+)\"");

        String content = answer(
                Readme.find(python, "base_url=\"([^\"]+)\""),
                Readme.find(python, "api_key=\"([^\"]+)\""),
                model,
                Readme.find(python, "\"content\": \"([^\"]+)\""));
        assertThat(content).startsWith("Hello from Junction's demo " + model + ".");
    }

    @Test
    void every_curl_example_of_the_quick_start_and_the_clients_section_answers() throws Exception {
        List<String> curls = new ArrayList<>();
        for (String section : List.of("Quick start", "Using it from clients")) {
            Readme.blocks(readme.section(section), "bash").stream()
                    .filter(block -> block.contains("curl "))
                    .forEach(curls::add);
        }
        assertThat(curls).as("the quick start's request and the streaming one").hasSizeGreaterThanOrEqualTo(2);

        HttpClient http = HttpClient.newHttpClient();
        for (String curl : curls) {
            String url = Readme.find(curl, "(http://localhost:4000/\\S+)");
            String body = Readme.find(curl, "-d '([^']*)'");
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(onTheDemo(url)))
                            .header("content-type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(curl).isEqualTo(200);
            if (body.contains("\"stream\": true")) {
                assertThat(response.body())
                        .as(curl)
                        .contains("chat.completion.chunk")
                        .endsWith("data: [DONE]\n\n");
            } else {
                assertThat(response.body()).as(curl).contains("\"chat.completion\"", "Hello from Junction's demo");
            }
        }
    }
}
