package dev.junction.router.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.ProviderFamily;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a continuation is asked for, what a refused prefill looks like, and what a restarted answer drops. */
class ContinuationTest {
    private static JsonObject body(JsonObject... messages) {
        return new JsonObject().put("model", "m").put("messages", new JsonArray(List.of((Object[]) messages)));
    }

    private static JsonObject message(String role, String content) {
        return new JsonObject().put("role", role).put("content", content);
    }

    private static JsonArray messages(JsonObject body) {
        return body.getJsonArray("messages");
    }

    @Test
    void nothing_streamed_and_no_refusal_leaves_the_request_as_it_is() {
        JsonObject body = body(message("user", "hi"));

        assertThat(Continuation.shape(body, ProviderFamily.OPENAI, "", false)).isSameAs(body);
    }

    @Test
    void anthropic_continues_the_text_so_far_as_a_prefill_without_trailing_space() {
        JsonObject shaped =
                Continuation.shape(body(message("user", "hi")), ProviderFamily.ANTHROPIC, "The quick ", false);

        assertThat(messages(shaped)).hasSize(2);
        assertThat(messages(shaped).getJsonObject(1)).isEqualTo(message("assistant", "The quick"));
    }

    @Test
    void openai_format_gets_the_text_so_far_then_a_user_message_asking_for_the_rest() {
        JsonObject shaped = Continuation.shape(body(message("user", "hi")), ProviderFamily.OPENAI, "The quick ", false);

        assertThat(messages(shaped)).hasSize(3);
        assertThat(messages(shaped).getJsonObject(1)).isEqualTo(message("assistant", "The quick "));
        assertThat(messages(shaped).getJsonObject(2)).isEqualTo(message("user", Continuation.INSTRUCTION));
        assertThat(Continuation.endsWithAssistant(shaped)).isFalse();
    }

    @Test
    void the_clients_own_prefill_is_continued_with_what_was_streamed_after_it() {
        JsonObject body = body(message("user", "haiku"), message("assistant", "Autumn"));

        JsonObject shaped = Continuation.shape(body, ProviderFamily.ANTHROPIC, " leaves", false);

        assertThat(messages(shaped)).hasSize(2);
        assertThat(messages(shaped).getJsonObject(1)).isEqualTo(message("assistant", "Autumn leaves"));
    }

    @Test
    void after_a_refused_prefill_even_anthropic_gets_the_instruction_and_a_clients_prefill_is_reworded() {
        JsonObject body = body(message("user", "haiku"), message("assistant", "Autumn"));

        JsonObject shaped = Continuation.shape(body, ProviderFamily.ANTHROPIC, "", true);

        assertThat(messages(shaped)).hasSize(3);
        assertThat(Continuation.endsWithAssistant(shaped)).isFalse();
        assertThat(Continuation.endsWithAssistant(body)).isTrue();
    }

    @Test
    void a_400_about_a_trailing_assistant_message_is_a_prefill_refusal_other_400s_are_not() {
        assertThat(PrefillRefusal.is(GatewayException.of(
                        ErrorKind.BAD_REQUEST, "This model does not support assistant message prefill.")))
                .isTrue();
        assertThat(PrefillRefusal.is(GatewayException.of(
                        ErrorKind.BAD_REQUEST, "The final message must be a user message, not assistant")))
                .isTrue();
        assertThat(PrefillRefusal.is(GatewayException.of(ErrorKind.BAD_REQUEST, "max_tokens is too large")))
                .isFalse();
        assertThat(PrefillRefusal.is(GatewayException.of(ErrorKind.INTERNAL, "prefill failed")))
                .isFalse();
    }

    @Test
    void a_continuation_that_restarts_the_answer_has_the_repeat_dropped() {
        LeadingOverlap overlap = new LeadingOverlap("The quick brow");

        String released = overlap.accept("The quick ") + overlap.accept("brown fox") + overlap.flush();

        assertThat(released).isEqualTo("n fox");
    }

    @Test
    void a_continuation_that_carries_on_passes_at_once() {
        LeadingOverlap overlap = new LeadingOverlap("The quick brow");

        assertThat(overlap.accept("n fox")).isEqualTo("n fox");
        assertThat(overlap.decided()).isTrue();
    }

    @Test
    void a_short_coincidence_with_the_end_of_the_text_is_not_taken_for_a_repeat() {
        LeadingOverlap overlap = new LeadingOverlap("I said no");

        String released = overlap.accept("no") + overlap.accept("t really") + overlap.flush();

        assertThat(released).isEqualTo("not really");
    }
}
