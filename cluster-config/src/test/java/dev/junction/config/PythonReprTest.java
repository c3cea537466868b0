package dev.junction.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Expected texts come from python3 3.11: {@code repr(x)}, {@code str(x)} and {@code json.dumps(x)} of the
 * same values.
 */
class PythonReprTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "0.1 | 0.1",
                "0.000001 | 1e-06",
                "1e22 | 1e+22",
                "100.0 | 100.0",
                "1e16 | 1e+16",
                "1e15 | 1000000000000000.0",
                "123456789012345678.0 | 1.2345678901234568e+17",
                "0.0001 | 0.0001",
                "0.00012 | 0.00012",
                "-0.5 | -0.5",
                "0.000025 | 2.5e-05",
                "0.3333333333333333 | 0.3333333333333333",
                "6.02e23 | 6.02e+23",
                "4.9e-324 | 5e-324",
                "1.7976931348623157e308 | 1.7976931348623157e+308",
                "2e23 | 2e+23",
                "-0.0 | -0.0"
            })
    void floats_use_pythons_shortest_repr(double value, String python) {
        assertThat(PythonRepr.str(value)).isEqualTo(python);
        assertThat(PythonRepr.jsonDumps(value)).isEqualTo(python);
    }

    @Test
    void non_finite_floats_differ_between_str_and_json() {
        assertThat(PythonRepr.str(Double.POSITIVE_INFINITY)).isEqualTo("inf");
        assertThat(PythonRepr.jsonDumps(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
        assertThat(PythonRepr.str(Double.NaN)).isEqualTo("nan");
        assertThat(PythonRepr.jsonDumps(Double.NaN)).isEqualTo("NaN");
    }

    @Test
    void scalars_use_python_names() {
        assertThat(PythonRepr.str(6)).isEqualTo("6");
        assertThat(PythonRepr.str(12345678901L)).isEqualTo("12345678901");
        assertThat(PythonRepr.str(true)).isEqualTo("True");
        assertThat(PythonRepr.str(false)).isEqualTo("False");
        assertThat(PythonRepr.str(null)).isEqualTo("None");
        assertThat(PythonRepr.str("plain text")).isEqualTo("plain text");
        assertThat(PythonRepr.jsonDumps(null)).isEqualTo("null");
        assertThat(PythonRepr.jsonDumps(true)).isEqualTo("true");
    }

    @Test
    void string_repr_picks_quotes_and_escapes_like_python() {
        assertThat(PythonRepr.repr("it's")).isEqualTo("\"it's\"");
        assertThat(PythonRepr.repr("say \"hi\"")).isEqualTo("'say \"hi\"'");
        assertThat(PythonRepr.repr("both ' and \"")).isEqualTo("'both \\' and \"'");
        assertThat(PythonRepr.repr("back\\slash")).isEqualTo("'back\\\\slash'");
        assertThat(PythonRepr.repr("tab\tnl\n\u007f\u0001")).isEqualTo("'tab\\tnl\\n\\x7f\\x01'");
        // printable non-ASCII stays; zero-width space, no-break space and line separator are escaped
        assertThat(PythonRepr.repr("é😀\u200b\u00a0\u2028")).isEqualTo("'é😀\\u200b\\xa0\\u2028'");
    }

    @Test
    void json_dumps_escapes_everything_outside_printable_ascii() {
        assertThat(PythonRepr.jsonDumps("tab\tnl\n\u007f\u0001")).isEqualTo("\"tab\\tnl\\n\\u007f\\u0001\"");
        assertThat(PythonRepr.jsonDumps("é😀\u200b\u00a0\u2028"))
                .isEqualTo("\"\\u00e9\\ud83d\\ude00\\u200b\\u00a0\\u2028\"");
        assertThat(PythonRepr.jsonDumps("say \"hi\" \\")).isEqualTo("\"say \\\"hi\\\" \\\\\"");
    }

    @Test
    void lists_use_repr_of_their_items_and_dicts_inside_stay_python_dicts() {
        JsonArray list = new JsonArray()
                .add(1)
                .add("a")
                .addNull()
                .add(true)
                .add(0.5)
                .add(new JsonObject().put("k", new JsonArray().add(1)));
        assertThat(PythonRepr.str(list)).isEqualTo("[1, 'a', None, True, 0.5, {'k': [1]}]");
        assertThat(PythonRepr.jsonDumps(list)).isEqualTo("[1, \"a\", null, true, 0.5, {\"k\": [1]}]");
    }

    @Test
    void dicts_have_python_and_json_forms() {
        JsonObject dict = new JsonObject().put("a", 1).put("b", "x");
        assertThat(PythonRepr.str(dict)).isEqualTo("{'a': 1, 'b': 'x'}");
        JsonObject escaped = new JsonObject().put("a", 1).put("b", "é\"\\\u007f😀");
        assertThat(PythonRepr.jsonDumps(escaped))
                .isEqualTo("{\"a\": 1, \"b\": \"\\u00e9\\\"\\\\\\u007f\\ud83d\\ude00\"}");
    }
}
