package dev.junction.gateway.keys;

import dev.junction.cluster.spend.BudgetLedger;

/**
 * What the HTTP verticles need of virtual keys: the cluster-wide directory (with the store behind it) and
 * the cluster's budgets.
 */
public record KeyServices(KeyDirectory directory, BudgetLedger ledger) {}
