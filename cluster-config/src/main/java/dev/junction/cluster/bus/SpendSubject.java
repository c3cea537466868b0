package dev.junction.cluster.bus;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A holder of limits and a budget: a key, a team, a user, a user's membership of a team, an organisation or an
 * end user.
 *
 * @param id {@code <kind>:<id>}, one of the prefixes below; the name of its counters in the cluster
 * @param rpmLimit requests per minute, or null for none
 * @param tpmLimit tokens per minute, or null for none
 * @param maxParallelRequests calls in flight at once, or null for none
 * @param maxBudget USD it may spend per budget period (or in all), or null for none
 * @param budgetDuration how often the spend resets to 0, or null for never
 * @param storedSpend the spend last persisted, which seeds the cluster's counter when it has none yet
 * @param storedResetAtMillis when the persisted budget period ends (epoch millis), or 0 when unknown
 */
public record SpendSubject(
        String id,
        Long rpmLimit,
        Long tpmLimit,
        Integer maxParallelRequests,
        Double maxBudget,
        Duration budgetDuration,
        double storedSpend,
        long storedResetAtMillis) {
    public static final String KEY = "key:";
    public static final String TEAM = "team:";
    public static final String USER = "user:";
    /** {@code member:<team_id>} {@link #MEMBER_SEPARATOR} {@code <user_id>}. */
    public static final String MEMBER = "member:";

    public static final String ORG = "org:";
    public static final String END_USER = "end_user:";
    /** Between a member's team and user: ids never hold control characters (the admin API refuses them). */
    public static final char MEMBER_SEPARATOR = '\u001f';

    public SpendSubject {
        Objects.requireNonNull(id, "id");
    }

    public boolean hasRateLimits() {
        return rpmLimit != null || tpmLimit != null || maxParallelRequests != null;
    }

    /** The member subject id of a user in a team. */
    public static String memberId(String teamId, String userId) {
        return MEMBER + teamId + MEMBER_SEPARATOR + userId;
    }

    /** How errors name this holder: {@code key}, {@code team research}, {@code member alice of team research}. */
    public String label() {
        if (id.startsWith(KEY)) {
            return "key";
        }
        if (id.startsWith(MEMBER)) {
            String rest = id.substring(MEMBER.length());
            int separator = rest.indexOf(MEMBER_SEPARATOR);
            return "team member " + rest.substring(separator + 1) + " of team " + rest.substring(0, separator);
        }
        int colon = id.indexOf(':');
        String kind = id.substring(0, colon).replace('_', ' ');
        String name = kind.equals("org") ? "organization" : kind;
        return name.toLowerCase(Locale.ROOT) + " " + id.substring(colon + 1);
    }
}
