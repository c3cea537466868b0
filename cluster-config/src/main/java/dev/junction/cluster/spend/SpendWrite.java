package dev.junction.cluster.spend;

/**
 * What the store applies for one subject, at most once per {@code writeId}: a repeated write (its first try
 * reached the database, but the member that made it died before it could say so) changes nothing.
 *
 * @param subjectId {@code key:<token>} or {@code team:<team_id>}
 * @param writeId the write's id, remembered by the store per subject
 * @param amount USD to add to the stored spend
 * @param reset whether the stored spend goes back to 0 first, with {@code resetAtMillis} as the period's end
 * @param resetAtMillis the end of the budget period (epoch millis), or 0 when the spend never resets
 */
public record SpendWrite(String subjectId, String writeId, double amount, boolean reset, long resetAtMillis) {}
