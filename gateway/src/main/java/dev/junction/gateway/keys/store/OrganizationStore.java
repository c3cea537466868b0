package dev.junction.gateway.keys.store;

import dev.junction.gateway.keys.Organization;
import dev.junction.gateway.keys.Team;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Organisations and their teams. Blocking (JDBC): call on a worker thread. */
public final class OrganizationStore {
    private static final String COLUMNS = "organization_id, organization_alias, budget_id, models, metadata, spend,"
            + " budget_reset_at, created_by, updated_by, created_at, updated_at";

    private final Sql sql;

    OrganizationStore(Sql sql) {
        this.sql = sql;
    }

    /** Adds an organisation; a taken id fails with a DuplicateEntryException on {@code organization_id}. */
    public void insert(Organization org) {
        KeyRows.text("organization_id", org.organizationId(), KeyRows.MAX_ID_LENGTH);
        sql.update(
                "insert an organization",
                "INSERT INTO junction_organizations (organization_alias, budget_id, models, metadata,"
                        + " budget_reset_at, updated_by, updated_at, organization_id, spend, created_by, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                statement -> {
                    int i = bindSettings(statement, org);
                    statement.setString(i++, org.organizationId());
                    statement.setDouble(i++, org.spend());
                    statement.setString(i++, org.createdBy());
                    statement.setLong(i, JdbcKeyStore.millis(org.createdAt()));
                });
    }

    /** Writes every field but {@code spend}; false when no such organisation exists. */
    public boolean update(Organization org) {
        return sql.update(
                        "update an organization",
                        "UPDATE junction_organizations SET organization_alias = ?, budget_id = ?, models = ?,"
                                + " metadata = ?, budget_reset_at = ?, updated_by = ?, updated_at = ?"
                                + " WHERE organization_id = ?",
                        statement -> statement.setString(bindSettings(statement, org), org.organizationId()))
                == 1;
    }

    public Optional<Organization> find(String organizationId) {
        if (!KeyRows.storable(organizationId)) {
            return Optional.empty();
        }
        return sql.one(
                "look up an organization",
                "SELECT " + COLUMNS + " FROM junction_organizations WHERE organization_id = ?",
                statement -> statement.setString(1, organizationId),
                OrganizationStore::read);
    }

    /** Every organisation, or those {@code userId} is a member of (null: all), oldest first. */
    public List<Organization> list(String memberUserId) {
        String where = memberUserId == null
                ? ""
                : " WHERE organization_id IN (SELECT organization_id FROM junction_org_members WHERE user_id = ?)";
        return sql.query(
                "list organizations",
                "SELECT " + COLUMNS + " FROM junction_organizations" + where + " ORDER BY created_at, organization_id",
                statement -> {
                    if (memberUserId != null) {
                        statement.setString(1, memberUserId);
                    }
                },
                OrganizationStore::read);
    }

    /** The teams of an organisation, oldest first. */
    public List<Team> teams(String organizationId) {
        return sql.query(
                "list an organization's teams",
                "SELECT " + KeyRows.TEAM_COLUMNS + " FROM junction_teams WHERE organization_id = ?"
                        + " ORDER BY created_at, team_id",
                statement -> statement.setString(1, organizationId),
                KeyRows::team);
    }

    /**
     * Deletes an organisation with its memberships, its teams, their keys and their members, in one transaction,
     * as LiteLLM does.
     *
     * @return the deleted teams' ids and keys' tokens; empty ids when the organisation did not exist
     */
    public Cascade delete(String organizationId) {
        return sql.transaction("delete an organization", connection -> {
            List<String> teams = Sql.select(
                    connection,
                    "SELECT team_id FROM junction_teams WHERE organization_id = ?",
                    statement -> statement.setString(1, organizationId),
                    row -> row.getString(1));
            String teamsOfOrg = "(SELECT team_id FROM junction_teams WHERE organization_id = ?)";
            List<String> keys = Sql.select(
                    connection,
                    "SELECT token FROM junction_keys WHERE team_id IN " + teamsOfOrg,
                    statement -> statement.setString(1, organizationId),
                    row -> row.getString(1));
            for (String statement : List.of(
                    "DELETE FROM junction_keys WHERE team_id IN " + teamsOfOrg,
                    "DELETE FROM junction_team_members WHERE team_id IN " + teamsOfOrg,
                    "DELETE FROM junction_teams WHERE organization_id = ?",
                    "DELETE FROM junction_org_members WHERE organization_id = ?")) {
                Sql.change(connection, statement, prepared -> prepared.setString(1, organizationId));
            }
            int deleted = Sql.change(
                    connection,
                    "DELETE FROM junction_organizations WHERE organization_id = ?",
                    prepared -> prepared.setString(1, organizationId));
            return new Cascade(deleted == 1, teams, keys);
        });
    }

    /**
     * What deleting an organisation took with it.
     *
     * @param existed whether the organisation existed
     * @param teamIds its teams
     * @param keyTokens their keys
     */
    public record Cascade(boolean existed, List<String> teamIds, List<String> keyTokens) {}

    private static int bindSettings(PreparedStatement statement, Organization org) throws SQLException {
        int i = 1;
        statement.setString(i++, KeyRows.text("organization_alias", org.organizationAlias(), Integer.MAX_VALUE));
        statement.setString(i++, KeyRows.text("budget_id", org.budgetId(), KeyRows.MAX_ID_LENGTH));
        statement.setString(i++, new JsonArray(List.copyOf(org.models())).encode());
        statement.setString(i++, org.metadata().encode());
        KeyRows.setMillis(statement, i++, org.budgetResetAt());
        statement.setString(i++, org.updatedBy());
        statement.setLong(i++, JdbcKeyStore.millis(org.updatedAt()));
        return i;
    }

    static Organization read(ResultSet row) throws SQLException {
        return new Organization(
                row.getString("organization_id"),
                row.getString("organization_alias"),
                row.getString("budget_id"),
                KeyRows.strings(row.getString("models")),
                new JsonObject(row.getString("metadata")),
                row.getDouble("spend"),
                KeyRows.instant(row, "budget_reset_at"),
                row.getString("created_by"),
                row.getString("updated_by"),
                KeyRows.instant(row, "created_at"),
                KeyRows.instant(row, "updated_at"));
    }
}
