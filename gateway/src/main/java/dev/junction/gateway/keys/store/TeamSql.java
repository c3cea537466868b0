package dev.junction.gateway.keys.store;

import dev.junction.gateway.keys.Team;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The team statements of {@link JdbcKeyStore}. */
final class TeamSql {
    private static final String TEAM_SETTINGS = "team_alias = ?, models = ?, model_aliases = ?, max_budget = ?,"
            + " budget_duration = ?, budget_reset_at = ?, rpm_limit = ?, tpm_limit = ?,"
            + " max_parallel_requests = ?, metadata = ?, blocked = ?, updated_at = ?, organization_id = ?";

    private final Sql sql;

    TeamSql(Sql sql) {
        this.sql = sql;
    }

    void insert(Team team) {
        KeyRows.text("team_id", team.teamId(), KeyRows.MAX_ID_LENGTH);
        String insert = "INSERT INTO junction_teams (team_alias, models, model_aliases, max_budget,"
                + " budget_duration, budget_reset_at, rpm_limit, tpm_limit, max_parallel_requests, metadata,"
                + " blocked, updated_at, organization_id, team_id, spend, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        sql.run("insert a team", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(insert)) {
                int i = KeyRows.bindTeamSettings(statement, team);
                statement.setString(i++, team.teamId());
                statement.setDouble(i++, team.spend());
                statement.setLong(i, JdbcKeyStore.millis(team.createdAt()));
                return statement.executeUpdate();
            }
        });
    }

    boolean update(Team team) {
        if (!KeyRows.storable(team.teamId())) {
            return false;
        }
        String update = "UPDATE junction_teams SET " + TEAM_SETTINGS + " WHERE team_id = ?";
        return sql.run("update a team", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(update)) {
                statement.setString(KeyRows.bindTeamSettings(statement, team), team.teamId());
                return statement.executeUpdate() == 1;
            }
        });
    }

    Optional<Team> find(String teamId) {
        if (!KeyRows.storable(teamId)) {
            return Optional.empty();
        }
        String query = "SELECT " + KeyRows.TEAM_COLUMNS + " FROM junction_teams WHERE team_id = ?";
        return sql.run("look up a team", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(query)) {
                statement.setString(1, teamId);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(KeyRows.team(rows)) : Optional.empty();
                }
            }
        });
    }

    List<Team> list(int offset, int limit) {
        String query =
                "SELECT " + KeyRows.TEAM_COLUMNS + " FROM junction_teams ORDER BY created_at, team_id LIMIT ? OFFSET ?";
        return sql.run("list teams", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(query)) {
                statement.setInt(1, Math.max(0, limit));
                statement.setInt(2, Math.max(0, offset));
                List<Team> teams = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        teams.add(KeyRows.team(rows));
                    }
                }
                return teams;
            }
        });
    }
}
