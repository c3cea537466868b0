package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.testkit.Answer;
import dev.junction.testkit.OpenAiWire;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code type: redis-semantic} on two nodes: a prompt embedded on one node finds the answer of a similar prompt
 * stored by the other, and a dissimilar one goes to the provider. The fake embedding model answers scripted
 * vectors, so the similarities are known: 0.995 for the similar prompt, 0 for the other.
 */
class SemanticCacheIT {
    private static final String CHAT = "/chat/v1/chat/completions";
    private static final String EMBED = "/embed/v1/embeddings";
    private static GatewayHarness a;
    private static GatewayHarness b;
    private static OpenAIClient sdkA;
    private static OpenAIClient sdkB;

    @BeforeAll
    static void start() throws Exception {
        String cluster = "junction-semantic-" + UUID.randomUUID();
        a = GatewayHarness.start(
                "/e2e/cache-semantic.yaml", Map.of(), cluster, Files.createTempDirectory("semantic-a"));
        b = GatewayHarness.start(
                "/e2e/cache-semantic.yaml", Map.of(), cluster, Files.createTempDirectory("semantic-b"));
        assertThat(a.node.cluster().memberCount()).isEqualTo(2);
        sdkA = a.openAi("sk-master-semantic");
        sdkB = b.openAi("sk-master-semantic");
    }

    @AfterAll
    static void stop() throws Exception {
        sdkA.close();
        sdkB.close();
        b.close();
        a.close();
    }

    private static Answer vector(double... values) {
        return Answer.json(200, OpenAiWire.embeddings("text-embedding-3-small", List.of(values), 5));
    }

    private static HttpResponseFor<ChatCompletion> ask(OpenAIClient client, String prompt) {
        return client.chat()
                .completions()
                .withRawResponse()
                .create(ChatCompletionCreateParams.builder()
                        .model("gpt-4o")
                        .addUserMessage(prompt)
                        .build());
    }

    @Test
    void a_similar_prompt_is_answered_from_the_other_nodes_entry_and_a_different_one_is_not() {
        a.upstream.on(EMBED).reply(vector(1, 0, 0, 0));
        b.upstream.on(EMBED).reply(vector(0.95, 0.1, 0, 0), vector(0, 1, 0, 0));
        for (GatewayHarness node : new GatewayHarness[] {a, b}) {
            node.upstream.on(CHAT).replyAlways(OpenAiWire.ok("Paris is the capital of France."));
        }

        HttpResponseFor<ChatCompletion> miss = ask(sdkA, "What is the capital of France?");
        HttpResponseFor<ChatCompletion> similar = ask(sdkB, "what's the capital city of France");
        HttpResponseFor<ChatCompletion> other = ask(sdkB, "How tall is Mont Blanc?");

        assertThat(a.upstream.requests(CHAT).size() + b.upstream.requests(CHAT).size())
                .as("the first and the dissimilar prompt")
                .isEqualTo(2);
        assertThat(a.upstream.requests(EMBED).size()
                        + b.upstream.requests(EMBED).size())
                .as("each prompt embedded once, on its own node")
                .isEqualTo(3);
        assertThat(similar.parse()).isEqualTo(miss.parse());
        assertThat(similar.headers().values("x-litellm-response-cost")).containsExactly("0.0");
        assertThat(Double.parseDouble(similar.headers()
                        .values("x-litellm-semantic-similarity")
                        .get(0)))
                .isBetween(0.99, 1.0);
        assertThat(other.headers().values("x-litellm-semantic-similarity")).isEmpty();
        assertThat(b.upstream.requests(EMBED).get(0).bodyAsJson().getString("input"))
                .isEqualTo("what's the capital city of France");
    }
}
