package dev.junction.gateway.keys.store;

/**
 * The stores of everything beyond keys and teams, on the key store's database and connection pool.
 *
 * @param users users
 * @param teamMembers users' memberships of teams
 * @param organizations organisations and their teams
 * @param orgMembers users' memberships of organisations
 * @param budgets budgets
 * @param endUsers end users
 * @param spendLogs one row per call
 */
public record ManagementStores(
        UserStore users,
        TeamMemberStore teamMembers,
        OrganizationStore organizations,
        OrgMemberStore orgMembers,
        BudgetStore budgets,
        EndUserStore endUsers,
        SpendLogStore spendLogs) {

    static ManagementStores on(Sql sql) {
        return new ManagementStores(
                new UserStore(sql),
                new TeamMemberStore(sql),
                new OrganizationStore(sql),
                new OrgMemberStore(sql),
                new BudgetStore(sql),
                new EndUserStore(sql),
                new SpendLogStore(sql));
    }
}
