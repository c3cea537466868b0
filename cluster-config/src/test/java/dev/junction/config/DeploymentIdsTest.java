package dev.junction.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * Expected ids were computed with python3 by the loop of LiteLLM's {@code Router._generate_model_id}:
 *
 * <pre>
 * s = model_name
 * for k, v in litellm_params.items():
 *     s += k if isinstance(k, str) else json.dumps(k) if isinstance(k, dict) else str(k)
 *     s += v if isinstance(v, str) else json.dumps(v) if isinstance(v, dict) else str(v)
 * hashlib.sha256(s.encode()).hexdigest()
 * </pre>
 *
 * applied to the same model name and (Python dict) params as each test builds.
 */
class DeploymentIdsTest {

    @Test
    void strings_are_concatenated_in_order() {
        JsonObject params = new JsonObject()
                .put("model", "azure/gpt-turbo-small-eu")
                .put("api_base", "https://my-endpoint-europe-berri-992.openai.azure.com/")
                .put("api_key", "sk-eu");
        assertThat(DeploymentIds.generate("gpt-3.5-turbo", params))
                .isEqualTo("b688b1a199d48c940b8250b6f9b124367be6a99ac13fee95e1891aded19c12d8");
    }

    @Test
    void numbers_use_python_str() {
        // Python: {"model": "openai/gpt-4", "rpm": 6, "temperature": 0.1, "tiny": 0.000001, "big": 1e22,
        // "whole": 100.0}
        JsonObject params = new JsonObject()
                .put("model", "openai/gpt-4")
                .put("rpm", 6)
                .put("temperature", 0.1)
                .put("tiny", 0.000001)
                .put("big", 1e22)
                .put("whole", 100.0);
        assertThat(DeploymentIds.generate("gpt-4", params))
                .isEqualTo("d6a24b3cf39a922469ffb6a8bc14628959f47ea0914cb00bd2989205df5a98f5");
    }

    @Test
    void booleans_and_none_use_python_names() {
        JsonObject params = new JsonObject()
                .put("model", "hosted_vllm/llama")
                .put("stream", true)
                .put("drop", false)
                .putNull("api_key");
        assertThat(DeploymentIds.generate("local", params))
                .isEqualTo("48c9487a6b2a0981d79658a45c028f4476b8e6678473e64e8e6324887bb39897");
    }

    @Test
    void lists_use_python_repr() {
        // Python: ["a", "b's", 1, 2.5, True, None, {"k": "v"}]
        JsonArray tags = new JsonArray()
                .add("a")
                .add("b's")
                .add(1)
                .add(2.5)
                .add(true)
                .addNull()
                .add(new JsonObject().put("k", "v"));
        JsonObject params = new JsonObject().put("model", "openai/gpt-4o").put("tags", tags);
        assertThat(DeploymentIds.generate("tagged", params))
                .isEqualTo("69903d8da72f6867a5fde711f3e8ae52bbc5cbfc7457febabf4df2a27e36c5f6");
    }

    @Test
    void dicts_use_json_dumps() {
        // Python: {"a": 1, "b": [1, 2], "c": True, "d": None, "e": 0.5, "f": {"g": "h"}}
        JsonObject headers = new JsonObject()
                .put("a", 1)
                .put("b", new JsonArray().add(1).add(2))
                .put("c", true)
                .putNull("d")
                .put("e", 0.5)
                .put("f", new JsonObject().put("g", "h"));
        JsonObject params = new JsonObject().put("model", "openai/gpt-4o").put("extra_headers", headers);
        assertThat(DeploymentIds.generate("headers", params))
                .isEqualTo("fc18fd8711cc95dac53c62cebb24ac7e835a1f2337acfc353ffb5302a9413e5d");
    }

    @Test
    void unicode_is_hashed_as_utf8_with_json_escapes_inside_dicts() {
        // Python: model_name "café", {"model": "openai/gpt-4o", "extra_headers": {"name": "naïve – 😀"},
        // "tags": ["é", "😀", "\t"], "note": "déjà vu"}
        JsonObject params = new JsonObject()
                .put("model", "openai/gpt-4o")
                .put("extra_headers", new JsonObject().put("name", "naïve – 😀"))
                .put("tags", new JsonArray().add("é").add("😀").add("\t"))
                .put("note", "déjà vu");
        assertThat(DeploymentIds.generate("café", params))
                .isEqualTo("ec56e3d836edd8b6e43cc8bdf72d569b13b4f8bbaad66271a92ea02d6f47b1d2");
    }

    @Test
    void key_order_changes_the_id() {
        JsonObject forward = new JsonObject().put("model", "openai/gpt-4o").put("api_key", "k");
        JsonObject backward = new JsonObject().put("api_key", "k").put("model", "openai/gpt-4o");
        assertThat(DeploymentIds.generate("g", forward)).isNotEqualTo(DeploymentIds.generate("g", backward));
    }
}
