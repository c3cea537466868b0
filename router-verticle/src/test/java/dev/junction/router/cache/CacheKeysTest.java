package dev.junction.router.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * The expected keys were computed with Python as LiteLLM's {@code Cache.get_cache_key} does: {@code
 * hashlib.sha256("".join(f"{param}: {value}" ...).encode()).hexdigest()} over the kwargs LiteLLM hashes, the
 * model being the model group. (The key shown in LiteLLM's docs, {@code 586bf3...}, cannot be reproduced: its
 * request's {@code user} and the proxy's other kwargs went into it.)
 */
class CacheKeysTest {

    private static JsonObject chat(String json) {
        return new JsonObject(json);
    }

    @Test
    void the_documented_chat_request_gets_litellms_key() {
        JsonObject body = chat(
                """
                {"model": "gpt-3.5-turbo",
                 "messages": [{"role": "user", "content": "write a poem about litellm!"}],
                 "temperature": 0.7}""");
        assertThat(CacheKeys.key(CallTypes.CHAT, "gpt-3.5-turbo", body, null))
                .isEqualTo("3bbbb90ecab366a728ad63b111b82fec2e3d7f14293f95fafec00626052d89c3");
    }

    @Test
    void the_documented_embedding_request_gets_litellms_key() {
        JsonObject body = chat("{\"model\": \"text-embedding-ada-002\", \"input\": [\"write a litellm poem\"]}");
        assertThat(CacheKeys.key(CallTypes.EMBEDDING, "text-embedding-ada-002", body, null))
                .isEqualTo("d105762b57634bc7ece8d1946dc3d832e993443642878413eae8f6b265614490");
    }

    @Test
    void values_are_hashed_in_pythons_str_form() {
        // A quote in the text makes Python's repr switch to double quotes; numbers keep Python's float form.
        JsonObject body = chat(
                """
                {"model": "gpt-4o", "messages": [{"role": "user", "content": "it's"}],
                 "temperature": 0.2, "max_tokens": 40, "seed": 7}""");
        assertThat(CacheKeys.material(CallTypes.CHAT, "gpt-4o", body, true))
                .isEqualTo("model: gpt-4omessages: [{'role': 'user', 'content': \"it's\"}]max_tokens: 40seed: 7"
                        + "temperature: 0.2");
        assertThat(CacheKeys.key(CallTypes.CHAT, "gpt-4o", body, null))
                .isEqualTo("7ebaba5b23d2c1ff5dc64bb8ed770b1488c893933992f377eeef0ed09aabe909");
    }

    @Test
    void the_model_group_stands_for_the_requested_name() {
        JsonObject body = chat("{\"model\": \"my-alias\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
        assertThat(CacheKeys.key(CallTypes.CHAT, "gpt-4o", body, null))
                .isEqualTo(CacheKeys.key(CallTypes.CHAT, "gpt-4o", body.copy().put("model", "other"), null))
                .isNotEqualTo(CacheKeys.key(CallTypes.CHAT, "gpt-4o-mini", body, null));
    }

    @Test
    void user_metadata_stream_and_timeouts_do_not_change_the_key() {
        JsonObject plain = chat("{\"model\": \"g\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
        JsonObject decorated = plain.copy()
                .put("user", "alice")
                .put("metadata", new JsonObject().put("tag", "x"))
                .put("stream", true)
                .put("stream_options", new JsonObject().put("include_usage", true))
                .put("timeout", 30)
                .put("num_retries", 2)
                .put("cache", new JsonObject().put("ttl", 5));
        assertThat(CacheKeys.key(CallTypes.CHAT, "g", decorated, null))
                .isEqualTo(CacheKeys.key(CallTypes.CHAT, "g", plain, null));
    }

    @Test
    void parameters_that_change_the_answer_change_the_key() {
        JsonObject plain = chat("{\"model\": \"g\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
        String key = CacheKeys.key(CallTypes.CHAT, "g", plain, null);
        assertThat(CacheKeys.key(CallTypes.CHAT, "g", plain.copy().put("temperature", 0.1), null))
                .isNotEqualTo(key);
        assertThat(CacheKeys.key(CallTypes.CHAT, "g", plain.copy().put("max_tokens", 5), null))
                .isNotEqualTo(key);
        assertThat(CacheKeys.key(
                        CallTypes.CHAT,
                        "g",
                        chat("{\"messages\": [{\"role\": \"user\", \"content\": \"hi!\"}]}"),
                        null))
                .isNotEqualTo(key);
    }

    @Test
    void the_order_of_the_request_fields_does_not_matter() {
        JsonObject one =
                chat("{\"temperature\": 0.5, \"seed\": 1, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
        JsonObject other =
                chat("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"seed\": 1, \"temperature\": 0.5}");
        assertThat(CacheKeys.key(CallTypes.CHAT, "g", one, null))
                .isEqualTo(CacheKeys.key(CallTypes.CHAT, "g", other, null));
    }

    @Test
    void a_namespace_prefixes_the_hash_as_litellm_stores_it() {
        JsonObject body = chat("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
        String hash = CacheKeys.key(CallTypes.CHAT, "g", body, null);
        assertThat(CacheKeys.key(CallTypes.CHAT, "g", body, "litellm.caching.caching"))
                .isEqualTo("litellm.caching.caching:" + hash);
    }

    @Test
    void the_promptless_material_ignores_the_prompt_only() {
        JsonObject one = chat("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"temperature\": 1}");
        JsonObject two = chat("{\"messages\": [{\"role\": \"user\", \"content\": \"hello\"}], \"temperature\": 1}");
        assertThat(CacheKeys.promptlessMaterial(CallTypes.CHAT, "g", one))
                .isEqualTo(CacheKeys.promptlessMaterial(CallTypes.CHAT, "g", two))
                .isNotEqualTo(CacheKeys.promptlessMaterial(
                        CallTypes.CHAT, "g", two.copy().put("temperature", 0)));
    }
}
