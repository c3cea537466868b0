package dev.junction.gateway.keys;

import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * How the {@link KeyDirectory} reads from the store what it caches beyond keys and teams. Each call blocks
 * (JDBC); the directory runs them on its worker threads.
 *
 * @param user a user by id
 * @param member a membership by team and user
 * @param organization an organisation by id
 * @param budget a budget by id
 * @param endUser an end user by id
 */
public record DirectoryReads(
        Function<String, Optional<User>> user,
        BiFunction<String, String, Optional<TeamMember>> member,
        Function<String, Optional<Organization>> organization,
        Function<String, Optional<Budget>> budget,
        Function<String, Optional<EndUser>> endUser) {

    /** No store behind: nothing beyond keys and teams exists. */
    public static final DirectoryReads NONE = new DirectoryReads(
            id -> Optional.empty(),
            (team, user) -> Optional.empty(),
            id -> Optional.empty(),
            id -> Optional.empty(),
            id -> Optional.empty());
}
