package dev.junction.provider.anthropic;

import static dev.junction.provider.anthropic.AnthropicFixtures.json;
import static dev.junction.provider.anthropic.AnthropicFixtures.upstreamBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AnthropicToolTranslatorTest {

    static Stream<Arguments> toolChoices() {
        JsonObject named =
                new JsonObject().put("type", "function").put("function", new JsonObject().put("name", "add"));
        return Stream.of(
                Arguments.of("auto", new JsonObject().put("type", "auto")),
                Arguments.of("required", new JsonObject().put("type", "any")),
                Arguments.of("none", new JsonObject().put("type", "none")),
                Arguments.of(named, new JsonObject().put("type", "tool").put("name", "add")));
    }

    @ParameterizedTest
    @MethodSource("toolChoices")
    void maps_each_openai_tool_choice(Object openAi, JsonObject anthropic) {
        JsonObject request = withTools().put("tool_choice", openAi);

        assertThat(upstreamBody(request).getJsonObject("tool_choice")).isEqualTo(anthropic);
    }

    @Test
    void parallel_tool_calls_false_disables_parallel_tool_use_even_without_a_tool_choice() {
        JsonObject request = withTools().put("parallel_tool_calls", false);

        assertThat(upstreamBody(request).getJsonObject("tool_choice"))
                .isEqualTo(new JsonObject().put("type", "auto").put("disable_parallel_tool_use", true));
    }

    @Test
    void parallel_tool_calls_false_applies_to_a_named_tool_but_not_to_none() {
        JsonObject named =
                new JsonObject().put("type", "function").put("function", new JsonObject().put("name", "add"));

        JsonObject forced = upstreamBody(withTools().put("tool_choice", named).put("parallel_tool_calls", false));
        JsonObject none = upstreamBody(withTools().put("tool_choice", "none").put("parallel_tool_calls", false));

        assertThat(forced.getJsonObject("tool_choice").getBoolean("disable_parallel_tool_use"))
                .isTrue();
        assertThat(none.getJsonObject("tool_choice")).isEqualTo(new JsonObject().put("type", "none"));
    }

    @Test
    void a_function_tool_becomes_name_description_and_input_schema() {
        JsonArray tools = upstreamBody(withTools()).getJsonArray("tools");

        assertThat(tools.getJsonObject(0))
                .isEqualTo(json("multi-tool-turn1.anthropic-request.json")
                        .getJsonArray("tools")
                        .getJsonObject(0));
    }

    @Test
    void a_function_without_parameters_gets_an_empty_object_schema() {
        JsonObject function = new JsonObject().put("name", "now");
        JsonObject request = simple().put("tools", new JsonArray().add(functionTool(function)));

        JsonObject tool = upstreamBody(request).getJsonArray("tools").getJsonObject(0);

        assertThat(tool)
                .isEqualTo(new JsonObject()
                        .put("name", "now")
                        .put(
                                "input_schema",
                                new JsonObject().put("type", "object").put("properties", new JsonObject())));
    }

    @Test
    void anthropics_own_server_tools_pass_through_unchanged() {
        JsonObject webSearch = new JsonObject()
                .put("type", "web_search_20250305")
                .put("name", "web_search")
                .put("max_uses", 3);

        JsonObject body = upstreamBody(simple().put("tools", new JsonArray().add(webSearch)));

        assertThat(body.getJsonArray("tools")).isEqualTo(new JsonArray().add(webSearch));
    }

    @Test
    void without_tools_no_tool_choice_is_sent() {
        JsonObject body = upstreamBody(simple().put("tool_choice", "none").put("parallel_tool_calls", false));

        assertThat(body.containsKey("tools")).isFalse();
        assertThat(body.containsKey("tool_choice")).isFalse();
    }

    @Test
    void an_unknown_tool_choice_is_a_bad_request_naming_the_field() {
        assertThatThrownBy(() -> upstreamBody(withTools().put("tool_choice", "sometimes")))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST);
                    assertThat(e.param()).contains("tool_choice");
                });
    }

    private static JsonObject simple() {
        return json("simple.openai-request.json");
    }

    private static JsonObject withTools() {
        return simple().put(
                        "tools", json("multi-tool-turn1.openai-request.json").getJsonArray("tools"));
    }

    private static JsonObject functionTool(JsonObject function) {
        return new JsonObject().put("type", "function").put("function", function);
    }
}
