package dev.junction.router.resolve;

import dev.junction.config.Deployment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One wildcard {@code model_name} (containing {@code *}) with the deployments configured under it.
 *
 * <p>The regex is built the way LiteLLM builds it, Python's {@code re.escape} of the name with every escaped
 * {@code *} turned into {@code (.*)}, because the order in which patterns are tried depends on that exact
 * text: longer regexes first, then those with more regex metacharacters. The match is anchored at the start
 * only ({@code re.match}), so {@code openai/*} also matches {@code openai/gpt-4o/extra}.
 */
final class WildcardPattern {
    /** Characters Python 3.7+ {@code re.escape} prefixes with a backslash. */
    private static final String PYTHON_ESCAPED = "()[]{}?*+-|^$\\.&~# \t\n\r\u000B\f";

    /** Characters LiteLLM counts to rank equally long regexes. */
    private static final String COMPLEXITY_CHARS = "*+?\\^$|()";

    /** Most specific first; equal keys keep config order, as Python's stable sort does. */
    static final Comparator<WildcardPattern> MOST_SPECIFIC_FIRST = Comparator.comparingInt(
                    (WildcardPattern p) -> p.regexText.length())
            .thenComparingLong(WildcardPattern::complexity)
            .reversed();

    private final String name;
    private final String regexText;
    private final Pattern regex;
    private final List<Deployment> deployments = new ArrayList<>();

    WildcardPattern(String name) {
        this.name = name;
        this.regexText = pythonRegex(name);
        this.regex = Pattern.compile(regexText);
    }

    static boolean isWildcard(String modelName) {
        return modelName.indexOf('*') >= 0;
    }

    /** The regex text LiteLLM derives from a wildcard name, e.g. {@code openai/(.*)}. */
    static String pythonRegex(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (c == '*') {
                out.append("(.*)");
            } else if (PYTHON_ESCAPED.indexOf(c) >= 0) {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private long complexity() {
        return regexText.chars().filter(c -> COMPLEXITY_CHARS.indexOf(c) >= 0).count();
    }

    void add(Deployment deployment) {
        deployments.add(deployment);
    }

    String name() {
        return name;
    }

    String regexText() {
        return regexText;
    }

    List<Deployment> deployments() {
        return deployments;
    }

    /** The capture groups when {@code candidate} starts with a match of this pattern. */
    Optional<List<String>> match(String candidate) {
        Matcher matcher = regex.matcher(candidate);
        if (!matcher.lookingAt()) {
            return Optional.empty();
        }
        List<String> groups = new ArrayList<>(matcher.groupCount());
        for (int i = 1; i <= matcher.groupCount(); i++) {
            groups.add(matcher.group(i));
        }
        return Optional.of(groups);
    }

    /**
     * The model string a deployment is called with: each {@code *} of its {@code litellm_params.model} takes
     * the next captured segment, left to right. When the counts differ the segments cannot be placed, and
     * the matched request string is used whole (LiteLLM does this only for more segments than stars; with
     * fewer it would leave a literal {@code *} in the model name, which no upstream accepts).
     */
    static String substitute(String litellmModel, List<String> segments, String matched) {
        long stars = litellmModel.chars().filter(c -> c == '*').count();
        if (stars == 0) {
            return litellmModel;
        }
        if (stars != segments.size()) {
            return matched;
        }
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (char c : litellmModel.toCharArray()) {
            if (c == '*') {
                out.append(segments.get(next++));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
