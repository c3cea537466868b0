package dev.junction.router.tokens;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * The token counts of the texts this thread counted last. Chat clients resend the same texts over and over:
 * the roles, an application's system prompt on every call, and in a conversation every earlier turn on each
 * new one. Encoding is by far the dearest step of routing (about a fifth of a request's CPU for a short
 * prompt, and it grows with the prompt), while looking a text up costs one pass over its characters.
 *
 * <p>One per event-loop thread, so no locks; bounded in entries and in the length of a text it keeps (about
 * {@code MAX_ENTRIES x MAX_CHARS} characters per thread at worst). Counts are exact either way: a text not
 * kept is simply encoded.
 */
final class RecentCounts {
    static final int MAX_ENTRIES = 512;
    static final int MAX_CHARS = 4096;

    private final Map<String, Integer> counts = new LinkedHashMap<>(MAX_ENTRIES * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    int count(String text, ToIntFunction<String> encoder) {
        if (text.length() > MAX_CHARS) {
            return encoder.applyAsInt(text);
        }
        Integer known = counts.get(text);
        if (known != null) {
            return known;
        }
        int tokens = encoder.applyAsInt(text);
        counts.put(text, tokens);
        return tokens;
    }
}
