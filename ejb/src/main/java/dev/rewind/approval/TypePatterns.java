package dev.rewind.approval;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A list of message-type patterns from configuration: comma-separated, {@code *} for any run of characters
 * ({@code transfer.*}, {@code *}); empty for none. Everything else matches itself.
 */
public final class TypePatterns {

    private final String text;
    private final List<Pattern> patterns;

    private TypePatterns(String text, List<Pattern> patterns) {
        this.text = text;
        this.patterns = patterns;
    }

    public static TypePatterns parse(String text) {
        String list = text == null ? "" : text.strip();
        List<Pattern> patterns = Arrays.stream(list.split(","))
                .map(String::strip)
                .filter(p -> !p.isEmpty())
                .map(p -> Pattern.compile(Arrays.stream(p.split("\\*", -1)).map(Pattern::quote)
                        .reduce((a, b) -> a + ".*" + b).orElse("")))
                .toList();
        return new TypePatterns(list, patterns);
    }

    public boolean matches(String type) {
        return type != null && patterns.stream().anyMatch(p -> p.matcher(type).matches());
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    @Override
    public String toString() {
        return text;
    }
}
