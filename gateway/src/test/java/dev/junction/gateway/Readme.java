package dev.junction.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The repository's README.md as text, cut into sections and fenced code blocks, for tests of its examples. */
record Readme(String text) {
    private static final Path FILE = Path.of("..", "README.md");

    static Readme load() throws IOException {
        return new Readme(Files.readString(FILE));
    }

    /** The text under {@code ## heading}, to the next {@code ## } heading. */
    String section(String heading) {
        int start = text.indexOf("\n## " + heading + "\n");
        if (start < 0) {
            throw new AssertionError("README.md has no section '## " + heading + "'");
        }
        int end = text.indexOf("\n## ", start + 4);
        return text.substring(start, end < 0 ? text.length() : end);
    }

    /** The fenced code blocks of {@code language} in {@code section}, without their fences. */
    static List<String> blocks(String section, String language) {
        List<String> blocks = new ArrayList<>();
        Matcher block =
                Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(section);
        while (block.find()) {
            blocks.add(block.group(1));
        }
        return blocks;
    }

    /** The only block of {@code language} in {@code section}. */
    static String block(String section, String language) {
        List<String> blocks = blocks(section, language);
        if (blocks.size() != 1) {
            throw new AssertionError("expected one ```" + language + " block, found " + blocks.size());
        }
        return blocks.get(0);
    }

    /** The first group of {@code regex}'s first match in {@code text}; fails naming the pattern when none. */
    static String find(String text, String regex) {
        Matcher matcher = Pattern.compile(regex, Pattern.DOTALL).matcher(text);
        if (!matcher.find()) {
            throw new AssertionError("README.md no longer matches " + regex + " in:\n" + text);
        }
        return matcher.group(1);
    }

    /** Every match's first group. */
    static List<String> findAll(String text, String regex) {
        Matcher matcher = Pattern.compile(regex, Pattern.DOTALL).matcher(text);
        List<String> found = new ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
