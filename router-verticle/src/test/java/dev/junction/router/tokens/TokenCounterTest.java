package dev.junction.router.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TokenCounterTest {
    private static final TokenCounter COUNTER = TokenCounter.load();
    private static final Encoding CL100K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

    // OpenAI cookbook "How to count tokens with tiktoken", example_messages. The cookbook prints 129 prompt
    // tokens for gpt-3.5-turbo-0613 and gpt-4-0613 (cl100k_base), both from its function and from the API,
    // and 124 for gpt-4o and gpt-4o-mini (o200k_base).
    private static final JsonArray COOKBOOK = new JsonArray(List.of(
            message(
                    "system",
                    null,
                    "You are a helpful, pattern-following assistant that translates corporate jargon into plain"
                            + " English."),
            message("system", "example_user", "New synergies will help drive top-line growth."),
            message("system", "example_assistant", "Things working well together will increase revenue."),
            message(
                    "system",
                    "example_user",
                    "Let's circle back when we have more bandwidth to touch base on opportunities for increased"
                            + " leverage."),
            message("system", "example_assistant", "Let's talk later when we're less busy about how to do better."),
            message(
                    "user",
                    null,
                    "This late pivot means we don't have time to boil the ocean for the client deliverable.")));

    @Test
    void counts_the_cookbook_example_as_openai_does_for_gpt_4_and_gpt_35() {
        assertThat(COUNTER.countMessages("gpt-3.5-turbo-0613", COOKBOOK)).isEqualTo(129);
        assertThat(COUNTER.countMessages("gpt-4", COOKBOOK)).isEqualTo(129);
    }

    @Test
    void counts_the_cookbook_example_as_openai_does_for_gpt_4o() {
        assertThat(COUNTER.countMessages("gpt-4o", COOKBOOK)).isEqualTo(124);
        assertThat(COUNTER.countMessages("openai/gpt-4o-mini", COOKBOOK)).isEqualTo(124);
    }

    // Single-message counts that openai-messages-token-helper (Pamela Fox, MIT) checked against the API for
    // gpt-35-turbo/gpt-4 ("count") and gpt-4o ("count_omni"); each includes the 3 reply-priming tokens.
    @Test
    void counts_single_messages_as_the_api_reports_them() {
        JsonArray bot = new JsonArray().add(message("system", null, "You are a bot."));
        JsonArray pattern = new JsonArray(List.of(message(
                "system",
                null,
                "You are a helpful, pattern-following assistant that translates corporate jargon into plain"
                        + " English.")));
        JsonArray named = new JsonArray(
                List.of(message("system", "example_user", "New synergies will help drive top-line growth.")));
        JsonArray unicode = new JsonArray().add(message("user", null, "á"));
        assertThat(COUNTER.countMessages("gpt-4", bot)).isEqualTo(12);
        assertThat(COUNTER.countMessages("gpt-4", pattern)).isEqualTo(25);
        assertThat(COUNTER.countMessages("gpt-4o", pattern)).isEqualTo(24);
        assertThat(COUNTER.countMessages("gpt-35-turbo", named)).isEqualTo(20);
        assertThat(COUNTER.countMessages("gpt-4o", named)).isEqualTo(20);
        assertThat(COUNTER.countMessages("gpt-4o", unicode)).isEqualTo(8);
    }

    @Test
    void text_content_parts_count_like_plain_content() {
        JsonObject parts = new JsonObject()
                .put("role", "user")
                .put(
                        "content",
                        new JsonArray()
                                .add(new JsonObject().put("type", "text").put("text", "Hello,"))
                                .add(new JsonObject().put("type", "text").put("text", " how are you?")));
        int plain = COUNTER.countMessages("gpt-4", new JsonArray().add(message("user", null, "Hello, how are you?")));
        assertThat(plain).isEqualTo(13);
        // "Hello," and " how are you?" split at a token boundary, so the parts add up to the same count.
        assertThat(COUNTER.countMessages("gpt-4", new JsonArray().add(parts))).isEqualTo(plain);
    }

    @Test
    void images_cost_openais_low_detail_price_or_a_1024_square_at_high_detail() {
        JsonArray low = new JsonArray().add(imageMessage("low"));
        JsonArray auto = new JsonArray().add(imageMessage("auto"));
        int framing = 3 + 1 + 3; // message, "user", reply priming
        assertThat(COUNTER.countMessages("gpt-4o", low)).isEqualTo(framing + 85);
        assertThat(COUNTER.countMessages("gpt-4o", auto)).isEqualTo(framing + 765);
    }

    @Test
    void tool_calls_count_function_names_and_arguments_and_tool_replies_their_content_and_id() {
        String arguments = "{\"city\":\"Paris\",\"unit\":\"celsius\"}";
        JsonObject call = new JsonObject()
                .put("role", "assistant")
                .putNull("content")
                .put(
                        "tool_calls",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("id", "call_abc")
                                        .put("type", "function")
                                        .put(
                                                "function",
                                                new JsonObject()
                                                        .put("name", "get_weather")
                                                        .put("arguments", arguments))));
        JsonObject reply = new JsonObject()
                .put("role", "tool")
                .put("tool_call_id", "call_abc")
                .put("content", "18 degrees");
        // Expected from the rule itself, each piece encoded with cl100k_base as tiktoken would.
        int expected = 3
                + tokens("assistant")
                + tokens("get_weather")
                + tokens(arguments)
                + 3
                + tokens("tool")
                + tokens("call_abc")
                + tokens("18 degrees")
                + 3;
        assertThat(COUNTER.countMessages("gpt-4", new JsonArray().add(call).add(reply)))
                .isEqualTo(expected);
    }

    @Test
    void user_text_that_looks_like_a_special_token_is_counted_as_text() {
        int count = COUNTER.countText("gpt-4o", "<|endoftext|>");
        assertThat(count).isGreaterThan(1);
    }

    @Test
    void legacy_prompt_accepts_text_lists_and_token_ids() {
        assertThat(COUNTER.countPrompt("gpt-3.5-turbo-instruct", "Say this is a test"))
                .isEqualTo(tokens("Say this is a test"));
        assertThat(COUNTER.countPrompt(
                        "gpt-3.5-turbo-instruct",
                        new JsonArray().add("Say this").add(" is a test")))
                .isEqualTo(tokens("Say this") + tokens(" is a test"));
        assertThat(COUNTER.countPrompt(
                        "gpt-3.5-turbo-instruct", new JsonArray().add(1).add(2).add(3)))
                .isEqualTo(3);
        assertThat(COUNTER.countPrompt(
                        "gpt-3.5-turbo-instruct",
                        new JsonArray().add(new JsonArray().add(1).add(2)).add(new JsonArray().add(3))))
                .isEqualTo(3);
    }

    @Test
    void embeddings_input_counts_each_text_without_message_framing() {
        JsonArray input = new JsonArray().add("The food was delicious").add("and the waiter...");
        assertThat(COUNTER.countEmbeddingInput("text-embedding-3-small", input))
                .isEqualTo(tokens("The food was delicious") + tokens("and the waiter..."));
    }

    @Test
    void request_body_counts_messages_plus_tool_definitions_else_prompt_else_input() {
        JsonObject parameters = new JsonObject()
                .put("type", "object")
                .put("properties", new JsonObject().put("city", new JsonObject().put("type", "string")));
        JsonObject tool = new JsonObject()
                .put("type", "function")
                .put(
                        "function",
                        new JsonObject()
                                .put("name", "get_weather")
                                .put("description", "Current weather")
                                .put("parameters", parameters));
        JsonObject chat = new JsonObject().put("messages", COOKBOOK).put("tools", new JsonArray().add(tool));
        int toolTokens = tokens("get_weather") + tokens("Current weather") + tokens(parameters.encode());
        assertThat(COUNTER.countRequest("gpt-4", chat)).isEqualTo(129 + toolTokens);
        assertThat(COUNTER.countRequest("gpt-4", new JsonObject().put("prompt", "Say this is a test")))
                .isEqualTo(tokens("Say this is a test"));
        assertThat(COUNTER.countRequest("gpt-4", new JsonObject().put("input", "hello world")))
                .isEqualTo(tokens("hello world"));
        assertThat(COUNTER.countRequest("gpt-4", new JsonObject())).isZero();
    }

    // The estimate for other providers: OpenAI and Anthropic both quote ~4 characters per English token.
    // On English prose the cl100k_base count stays within 25% of characters / 4.
    @Test
    void estimate_for_other_providers_is_within_a_quarter_of_four_characters_per_token_on_english() {
        String prose = "The router keeps a list of deployments for every model group. Before each call it"
                + " removes the deployments that are cooling down, checks that the prompt fits the context"
                + " window of each remaining model, and keeps only those in the region the customer allows."
                + " When several deployments remain, the routing strategy picks one of them: the cheapest, the"
                + " fastest, the least busy, or simply one at random, weighted by the configured weights. If the"
                + " call fails with a retryable error, the router tries again after a short pause, and when the"
                + " retries are exhausted it moves on to the fallback groups, in the order they are listed.";
        int estimate = COUNTER.countText("anthropic/claude-sonnet-4-5", prose);
        double quarterOfChars = prose.length() / 4.0;
        assertThat(estimate).isBetween((int) (quarterOfChars * 0.75), (int) (quarterOfChars * 1.25));
    }

    @Test
    void counts_the_same_from_many_threads_at_once() {
        int expected = COUNTER.countMessages("gpt-4o", COOKBOOK);
        List<Integer> counts = IntStream.range(0, 200)
                .parallel()
                .mapToObj(i -> COUNTER.countMessages(i % 2 == 0 ? "gpt-4o" : "o3-mini", COOKBOOK))
                .toList();
        assertThat(counts).containsOnly(expected);
        assertThat(TokenCounter.load()).isSameAs(COUNTER);
    }

    private static int tokens(String text) {
        return CL100K.countTokensOrdinary(text);
    }

    private static JsonObject message(String role, String name, String content) {
        JsonObject message = new JsonObject().put("role", role);
        if (name != null) {
            message.put("name", name);
        }
        return message.put("content", content);
    }

    private static JsonObject imageMessage(String detail) {
        JsonObject image =
                new JsonObject().put("url", "https://example.com/cat.png").put("detail", detail);
        return new JsonObject()
                .put("role", "user")
                .put(
                        "content",
                        new JsonArray()
                                .add(new JsonObject().put("type", "image_url").put("image_url", image)));
    }
}
