package dev.junction.gateway.observe.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One metric name with fixed label names, its series registered once per set of label values and looked up
 * by those values afterwards: registering goes through the registry's id map and filters, which would cost
 * every request several times what recording does.
 */
final class MeterFamily<M extends Meter> {
    /** LiteLLM labels an unknown value the way Python prints {@code None}. */
    static final String NONE = "None";

    private final String[] labels;
    private final Function<Tags, M> register;
    private final Map<List<String>, M> series = new ConcurrentHashMap<>();

    MeterFamily(List<String> labels, Function<Tags, M> register) {
        this.labels = labels.toArray(String[]::new);
        this.register = register;
    }

    /** The series of these label values, in the order of the label names; null values become {@code None}. */
    M with(String... values) {
        if (values.length != labels.length) {
            throw new IllegalArgumentException("expected " + labels.length + " label values, got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                values[i] = NONE;
            }
        }
        List<String> key = Arrays.asList(values);
        M found = series.get(key);
        return found != null ? found : series.computeIfAbsent(key, this::registered);
    }

    private M registered(List<String> values) {
        Tags tags = Tags.empty();
        for (int i = 0; i < labels.length; i++) {
            tags = tags.and(labels[i], values.get(i));
        }
        return register.apply(tags);
    }
}
