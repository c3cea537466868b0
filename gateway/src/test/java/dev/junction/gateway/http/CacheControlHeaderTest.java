package dev.junction.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cluster.bus.Cancellation;
import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.LlmRequest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** {@code Cache-Control} on a request becomes the body's {@code cache} controls, as LiteLLM's proxy reads it. */
class CacheControlHeaderTest {
    private static LlmRequest request(JsonObject body) {
        return new LlmRequest(
                "call", Endpoint.CHAT_COMPLETIONS, "gpt-4o", body, null, false, null, new Cancellation(), 0);
    }

    @Test
    void its_directives_become_cache_controls() {
        LlmRequest applied = CacheControlHeader.apply(
                request(new JsonObject().put("model", "gpt-4o")), "No-Cache, no-store, s-maxage=30, max-age=5");
        assertThat(applied.body().getJsonObject("cache"))
                .isEqualTo(new JsonObject()
                        .put("no-cache", true)
                        .put("no-store", true)
                        .put("s-maxage", 30L));
        assertThat(applied.body().getString("model")).isEqualTo("gpt-4o");
    }

    @Test
    void the_bodys_own_controls_win() {
        JsonObject body = new JsonObject()
                .put("cache", new JsonObject().put("no-cache", false).put("ttl", 9));
        LlmRequest applied = CacheControlHeader.apply(request(body), "no-cache");
        assertThat(applied.body().getJsonObject("cache"))
                .isEqualTo(new JsonObject().put("no-cache", false).put("ttl", 9));
    }

    @Test
    void no_header_or_nothing_readable_leaves_the_request_as_it_is() {
        LlmRequest request = request(new JsonObject().put("model", "gpt-4o"));
        assertThat(CacheControlHeader.apply(request, null)).isSameAs(request);
        assertThat(CacheControlHeader.apply(request, "max-age=10, s-maxage=soon"))
                .isSameAs(request);
    }
}
