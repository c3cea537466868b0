package dev.junction.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** A Markdown table, and the number formats the report uses. */
final class Markdown {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    Markdown(String... header) {
        this.header = List.of(header);
    }

    Markdown row(String... cells) {
        rows.add(List.of(cells));
        return this;
    }

    String render() {
        StringBuilder out = new StringBuilder();
        line(out, header);
        out.append('|');
        header.forEach(h -> out.append("---|"));
        out.append('\n');
        rows.forEach(row -> line(out, row));
        return out.append('\n').toString();
    }

    private static void line(StringBuilder out, List<String> cells) {
        out.append('|');
        cells.forEach(cell -> out.append(' ').append(cell).append(" |"));
        out.append('\n');
    }

    /** A rate or count: thousands grouped, no decimals. */
    static String count(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%,.0f", value.getAsDouble()) : "n/a";
    }

    static String count(double value) {
        return count(OptionalDouble.of(value));
    }

    /** A value with one decimal. */
    static String decimal(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.1f", value.getAsDouble()) : "n/a";
    }

    /** Milliseconds with three significant decimals, signed when {@code signed}. */
    static String ms(OptionalDouble value, boolean signed) {
        if (value.isEmpty()) {
            return "n/a";
        }
        return String.format(Locale.ROOT, signed ? "%+.3f" : "%.3f", value.getAsDouble());
    }

    static String ratio(OptionalDouble numerator, OptionalDouble denominator) {
        if (numerator.isEmpty() || denominator.isEmpty() || denominator.getAsDouble() == 0) {
            return "n/a";
        }
        double ratio = numerator.getAsDouble() / denominator.getAsDouble();
        return String.format(Locale.ROOT, ratio >= 10 ? "%.1fx" : ratio >= 0.1 ? "%.2fx" : "%.4fx", ratio);
    }

    static String mb(Object value) {
        return value instanceof Number number ? String.format(Locale.ROOT, "%.0f MiB", number.doubleValue()) : "n/a";
    }
}
