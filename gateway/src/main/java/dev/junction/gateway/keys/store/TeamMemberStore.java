package dev.junction.gateway.keys.store;

import dev.junction.gateway.keys.TeamMember;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Users' memberships of teams. Blocking (JDBC): call on a worker thread. */
public final class TeamMemberStore {
    private static final String COLUMNS =
            "team_id, user_id, user_email, role, max_budget_in_team, spend, created_at, updated_at";

    private final Sql sql;

    TeamMemberStore(Sql sql) {
        this.sql = sql;
    }

    /** Adds a membership; one that exists fails with a DuplicateEntryException on {@code member}. */
    public void insert(TeamMember member) {
        KeyRows.text("team_id", member.teamId(), KeyRows.MAX_ID_LENGTH);
        KeyRows.text("user_id", member.userId(), KeyRows.MAX_ID_LENGTH);
        sql.update(
                "add a team member",
                "INSERT INTO junction_team_members (user_email, role, max_budget_in_team, updated_at, team_id,"
                        + " user_id, spend, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                statement -> {
                    int i = bindSettings(statement, member);
                    statement.setString(i++, member.teamId());
                    statement.setString(i++, member.userId());
                    statement.setDouble(i++, member.spend());
                    statement.setLong(i, JdbcKeyStore.millis(member.createdAt()));
                });
    }

    /** Writes the role, e-mail and budget; false when there is no such membership. */
    public boolean update(TeamMember member) {
        return sql.update(
                        "update a team member",
                        "UPDATE junction_team_members SET user_email = ?, role = ?, max_budget_in_team = ?,"
                                + " updated_at = ? WHERE team_id = ? AND user_id = ?",
                        statement -> {
                            int i = bindSettings(statement, member);
                            statement.setString(i++, member.teamId());
                            statement.setString(i, member.userId());
                        })
                == 1;
    }

    public Optional<TeamMember> find(String teamId, String userId) {
        if (!KeyRows.storable(teamId) || !KeyRows.storable(userId)) {
            return Optional.empty();
        }
        return sql.one(
                "look up a team member",
                "SELECT " + COLUMNS + " FROM junction_team_members WHERE team_id = ? AND user_id = ?",
                statement -> {
                    statement.setString(1, teamId);
                    statement.setString(2, userId);
                },
                TeamMemberStore::read);
    }

    /** A team's members, in the order they joined. */
    public List<TeamMember> ofTeam(String teamId) {
        if (!KeyRows.storable(teamId)) {
            return List.of();
        }
        return sql.query(
                "list a team's members",
                "SELECT " + COLUMNS + " FROM junction_team_members WHERE team_id = ? ORDER BY created_at, user_id",
                statement -> statement.setString(1, teamId),
                TeamMemberStore::read);
    }

    /** A user's memberships, by team id. */
    public List<TeamMember> ofUser(String userId) {
        if (!KeyRows.storable(userId)) {
            return List.of();
        }
        return sql.query(
                "list a user's teams",
                "SELECT " + COLUMNS + " FROM junction_team_members WHERE user_id = ? ORDER BY team_id",
                statement -> statement.setString(1, userId),
                TeamMemberStore::read);
    }

    /** Removes a membership; false when there was none. */
    public boolean delete(String teamId, String userId) {
        return sql.update(
                        "remove a team member",
                        "DELETE FROM junction_team_members WHERE team_id = ? AND user_id = ?",
                        statement -> {
                            statement.setString(1, teamId);
                            statement.setString(2, userId);
                        })
                == 1;
    }

    /** Removes every membership of the teams and returns them. */
    public List<TeamMember> deleteOfTeams(List<String> teamIds) {
        List<Object> ids =
                List.copyOf(teamIds.stream().filter(KeyRows::storable).toList());
        if (ids.isEmpty()) {
            return List.of();
        }
        String in = " WHERE team_id IN (" + Sql.marks(ids.size()) + ")";
        return sql.transaction("remove teams' members", connection -> {
            List<TeamMember> members = Sql.select(
                    connection,
                    "SELECT " + COLUMNS + " FROM junction_team_members" + in,
                    statement -> Sql.bindAll(statement, ids),
                    TeamMemberStore::read);
            Sql.change(connection, "DELETE FROM junction_team_members" + in, statement -> Sql.bindAll(statement, ids));
            return members;
        });
    }

    private static int bindSettings(PreparedStatement statement, TeamMember member) throws SQLException {
        int i = 1;
        statement.setString(i++, KeyRows.text("user_email", member.userEmail(), KeyRows.MAX_ID_LENGTH));
        statement.setString(i++, member.role());
        KeyRows.setDouble(statement, i++, member.maxBudgetInTeam());
        statement.setLong(i++, JdbcKeyStore.millis(member.updatedAt()));
        return i;
    }

    static TeamMember read(ResultSet row) throws SQLException {
        return new TeamMember(
                row.getString("team_id"),
                row.getString("user_id"),
                row.getString("user_email"),
                row.getString("role"),
                KeyRows.doubleOrNull(row, "max_budget_in_team"),
                row.getDouble("spend"),
                KeyRows.instant(row, "created_at"),
                KeyRows.instant(row, "updated_at"));
    }
}
