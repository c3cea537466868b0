package dev.junction.gateway.keys.store;

import dev.junction.gateway.keys.DuplicateEntryException;

/**
 * Which field a unique violation on a table of users, memberships, organisations, budgets or end users is
 * about. PostgreSQL names the violated constraint and H2 the table and its columns; both name the table, so
 * the table decides (the membership tables first: their keys hold team_id and user_id).
 */
final class ManagedDuplicates {
    private ManagedDuplicates() {}

    /** The duplicate named in a lower-case driver message, or null when it is about keys or teams. */
    static DuplicateEntryException of(String message) {
        if (message.contains("junction_team_members")) {
            return new DuplicateEntryException("member", "the user is already a member of the team");
        }
        if (message.contains("junction_org_members")) {
            return new DuplicateEntryException("member", "the user is already a member of the organization");
        }
        if (message.contains("junction_end_users")) {
            return new DuplicateEntryException("user_id", "an end user with this user_id already exists");
        }
        if (message.contains("junction_users")) {
            return message.contains("uq_user_email") || message.contains("(email_key")
                    ? new DuplicateEntryException("user_email", "a user with this user_email already exists")
                    : new DuplicateEntryException("user_id", "a user with this user_id already exists");
        }
        if (message.contains("junction_budgets")) {
            return new DuplicateEntryException("budget_id", "a budget with this budget_id already exists");
        }
        if (message.contains("junction_organizations")) {
            return new DuplicateEntryException("organization_id", "organization_id already exists");
        }
        return null;
    }
}
