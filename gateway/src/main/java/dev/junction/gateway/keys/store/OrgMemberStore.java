package dev.junction.gateway.keys.store;

import dev.junction.gateway.keys.OrgMember;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Users' memberships of organisations. Blocking (JDBC): call on a worker thread. */
public final class OrgMemberStore {
    private static final String MEMBER_COLUMNS =
            "organization_id, user_id, user_role, spend, budget_id, created_at, updated_at";

    private final Sql sql;

    OrgMemberStore(Sql sql) {
        this.sql = sql;
    }

    public void insert(OrgMember member) {
        KeyRows.text("user_id", member.userId(), KeyRows.MAX_ID_LENGTH);
        sql.update(
                "add an organization member",
                "INSERT INTO junction_org_members (user_role, budget_id, updated_at, organization_id, user_id, spend,"
                        + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                statement -> {
                    statement.setString(1, member.userRole());
                    statement.setString(2, member.budgetId());
                    statement.setLong(3, JdbcKeyStore.millis(member.updatedAt()));
                    statement.setString(4, member.organizationId());
                    statement.setString(5, member.userId());
                    statement.setDouble(6, member.spend());
                    statement.setLong(7, JdbcKeyStore.millis(member.createdAt()));
                });
    }

    public boolean update(OrgMember member) {
        return sql.update(
                        "update an organization member",
                        "UPDATE junction_org_members SET user_role = ?, budget_id = ?, updated_at = ?"
                                + " WHERE organization_id = ? AND user_id = ?",
                        statement -> {
                            statement.setString(1, member.userRole());
                            statement.setString(2, member.budgetId());
                            statement.setLong(3, JdbcKeyStore.millis(member.updatedAt()));
                            statement.setString(4, member.organizationId());
                            statement.setString(5, member.userId());
                        })
                == 1;
    }

    public Optional<OrgMember> find(String organizationId, String userId) {
        if (!KeyRows.storable(organizationId) || !KeyRows.storable(userId)) {
            return Optional.empty();
        }
        return sql.one(
                "look up an organization member",
                "SELECT " + MEMBER_COLUMNS + " FROM junction_org_members WHERE organization_id = ? AND user_id = ?",
                statement -> {
                    statement.setString(1, organizationId);
                    statement.setString(2, userId);
                },
                OrgMemberStore::read);
    }

    public List<OrgMember> members(String organizationId) {
        return sql.query(
                "list an organization's members",
                "SELECT " + MEMBER_COLUMNS + " FROM junction_org_members WHERE organization_id = ?"
                        + " ORDER BY created_at, user_id",
                statement -> statement.setString(1, organizationId),
                OrgMemberStore::read);
    }

    public boolean delete(String organizationId, String userId) {
        return sql.update(
                        "remove an organization member",
                        "DELETE FROM junction_org_members WHERE organization_id = ? AND user_id = ?",
                        statement -> {
                            statement.setString(1, organizationId);
                            statement.setString(2, userId);
                        })
                == 1;
    }

    static OrgMember read(ResultSet row) throws SQLException {
        return new OrgMember(
                row.getString("organization_id"),
                row.getString("user_id"),
                row.getString("user_role"),
                row.getDouble("spend"),
                row.getString("budget_id"),
                KeyRows.instant(row, "created_at"),
                KeyRows.instant(row, "updated_at"));
    }
}
