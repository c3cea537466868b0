package dev.junction.gateway.admin;

import dev.junction.cluster.spend.BudgetLedger;
import dev.junction.config.KeyManagementSettings;
import dev.junction.gateway.keys.KeyDirectory;
import dev.junction.gateway.keys.KeyStore;
import dev.junction.gateway.keys.store.ManagementStores;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What every management resource works with: the cluster-wide directory (and the key store behind it), the
 * stores of everything else, the cluster's budgets, and the admin routes' shared plumbing.
 *
 * @param directory keys, teams, users, ... cached for the cluster
 * @param ledger the cluster's budget counters
 * @param stores users, memberships, organisations, budgets, end users, spend logs
 * @param calls store work off the event loop, and answers
 * @param clock the time
 * @param modelNames the model groups served now, the config's and the model API's (for an end user's {@code
 *     default_model})
 * @param proxyMaxBudget {@code litellm_settings.max_budget}, or null
 * @param keyManagement the config's defaults and bounds of new keys and users, and who may make keys
 */
public record AdminContext(
        KeyDirectory directory,
        BudgetLedger ledger,
        ManagementStores stores,
        AdminCalls calls,
        Clock clock,
        Supplier<Set<String>> modelNames,
        Double proxyMaxBudget,
        KeyManagementSettings keyManagement) {

    public KeyStore keys() {
        return directory.store();
    }

    /**
     * An admin set a subject's spend (already written to the store): the cluster's counter takes it, so calls
     * settled before no longer count and calls running add to it. {@code resetAt} ends its budget period, or null.
     */
    public <T> Future<T> spendSet(String subjectId, double spend, Instant resetAt, T then) {
        return ledger.setSpend(subjectId, spend, resetAt == null ? 0 : resetAt.toEpochMilli())
                .map(then);
    }

    /**
     * Saves a changed subject off the event loop ({@code save}); when the request set its spend, writes that to
     * the store too and gives it to the cluster's counter (see {@link #spendSet}).
     */
    public <T> Future<T> saved(
            T changed, Runnable save, boolean spendGiven, String subjectId, double spend, Instant resetAt) {
        return calls.blocking(() -> {
                    save.run();
                    if (spendGiven) {
                        keys().setSpend(subjectId, spend);
                    }
                    return changed;
                })
                .compose(saved ->
                        spendGiven ? spendSet(subjectId, spend, resetAt, saved) : Future.succeededFuture(saved));
    }
}
