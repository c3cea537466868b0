package dev.junction.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class AzureWireTest {
    @Test
    void default_chat_body_equals_the_recorded_fixture() {
        assertThat(AzureWire.chat("gpt-4o-2024-05-13").json()).isEqualTo(Fixtures.json("azure/chat-completion.json"));
    }

    @Test
    void stream_opens_with_an_anonymous_prompt_filter_chunk_and_tags_choices() {
        List<String> frames = AzureWire.chat("gpt-4o-2024-05-13").streamEvents(3, false);
        List<JsonObject> chunks = SseFrames.dataOf(frames);
        List<JsonObject> recorded = SseFrames.dataOf(Fixtures.sseEvents("azure/chat-stream.sse"));

        assertThat(chunks.get(0)).isEqualTo(recorded.get(0));
        assertThat(chunks.get(0).getString("id")).isEmpty();
        assertThat(chunks.get(0).getJsonArray("choices")).isEmpty();
        assertThat(chunks).hasSize(recorded.size());
        for (int i = 1; i < chunks.size(); i++) {
            assertThat(chunks.get(i).getJsonArray("choices").getJsonObject(0).containsKey("content_filter_results"))
                    .isTrue();
        }
        assertThat(frames.get(frames.size() - 1)).isEqualTo(Sse.DONE);
    }

    @Test
    void content_filter_error_carries_the_inner_policy_violation() {
        JsonObject error = Fixtures.json("azure/error-content-filter.json").getJsonObject("error");

        assertThat(error.getString("code")).isEqualTo("content_filter");
        assertThat(error.getJsonObject("innererror").getString("code")).isEqualTo("ResponsibleAIPolicyViolation");
        assertThat(error.getJsonObject("innererror")
                        .getJsonObject("content_filter_result")
                        .getJsonObject("hate")
                        .getBoolean("filtered"))
                .isTrue();
    }

    @Test
    void paths_name_the_deployment() {
        assertThat(AzureWire.chatPath("gpt4o-eu")).isEqualTo("/openai/deployments/gpt4o-eu/chat/completions");
        assertThat(AzureWire.embeddingsPath("ada")).isEqualTo("/openai/deployments/ada/embeddings");
        assertThat(AzureWire.completionsPath("inst")).isEqualTo("/openai/deployments/inst/completions");
    }
}
