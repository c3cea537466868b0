package dev.junction.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Router settings given to {@code /config/update}: checked by the file's rules, laid over the file's settings. */
class RuntimeRouterSettingsTest {

    private static JsonObject check(String json) {
        return RuntimeRouterSettings.check(new JsonObject(json), Map.of("RETRIES", "4"));
    }

    private static void assertRefused(String json, String path, String problem) {
        assertThatThrownBy(() -> check(json))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(path + ": ")
                .hasMessageContaining(problem);
    }

    @Test
    void router_settings_win_over_the_routing_keys_of_litellm_settings() {
        JsonObject overrides = check("{\"litellm_settings\": {\"num_retries\": 1, \"cooldown_time\": 5},"
                + " \"router_settings\": {\"num_retries\": 2}}");

        assertThat(overrides.fieldNames()).containsExactlyInAnyOrder("num_retries", "cooldown_time");
        assertThat(overrides.getInteger("num_retries")).isEqualTo(2);
        assertThat(overrides.getInteger("cooldown_time")).isEqualTo(5);
    }

    @Test
    void values_are_normalised_as_in_the_file() {
        JsonObject overrides = check("{\"router_settings\": {\"num_retries\": \"os.environ/RETRIES\","
                + " \"disable_cooldowns\": \"true\"}}");

        assertThat(overrides.getInteger("num_retries")).isEqualTo(4);
        assertThat(overrides.getValue("disable_cooldowns")).isEqualTo(true);
    }

    @Test
    void invalid_unknown_and_start_up_only_keys_are_refused_by_path() {
        assertRefused(
                "{\"router_settings\": {\"routing_strategy\": \"fastest\"}}",
                "router_settings.routing_strategy",
                "one of");
        assertRefused("{\"router_settings\": {\"timeout\": 0}}", "router_settings.timeout", "expected");
        assertRefused("{\"router_settings\": {\"redis_host\": \"x\"}}", "router_settings.redis_host", "run time");
        assertRefused(
                "{\"router_settings\": {\"rate_limit_accuracy\": \"strict\"}}",
                "router_settings.rate_limit_accuracy",
                "when a node starts");
        assertRefused("{\"litellm_settings\": {\"cache\": true}}", "litellm_settings.cache", "run time");
        assertRefused("{\"router_settings\": [1]}", "router_settings", "expected");
    }

    @Test
    void overrides_replace_the_files_keys_and_recompute_the_timeout() {
        RouterSettings file = TestYaml.parse("router_settings: {num_retries: 3, timeout: 30, cooldown_time: 9}")
                .router();

        RouterSettings served = file.overlaid(check("{\"router_settings\": {\"timeout\": 2, \"num_retries\": 0}}"));

        assertThat(served.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(served.merged().getInteger("num_retries")).isEqualTo(0);
        assertThat(served.merged().getInteger("cooldown_time")).isEqualTo(9);
        assertThat(file.overlaid(new JsonObject())).isSameAs(file);
    }
}
