package dev.junction.gateway.observe.alerts;

import com.hazelcast.map.IMap;
import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.GatewayException;
import dev.junction.cluster.observe.AttemptObservation;
import dev.junction.cluster.observe.AttemptStart;
import dev.junction.cluster.observe.CallEnd;
import dev.junction.cluster.observe.CallObservation;
import dev.junction.cluster.observe.CallObserver;
import dev.junction.cluster.observe.CallStart;
import dev.junction.cluster.observe.CallerLabels;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the reports count, per node between two flushes: for each deployment its attempts, failures and the
 * seconds its answers took ({@code daily_reports}); for each team and key what its calls cost ({@code
 * spend_reports}). {@link #flushTo} adds a node's counts to the cluster's (an atomic merge per entry), where the
 * node that sends a report takes them; counting itself never leaves the node.
 */
final class ReportTallies implements CallObserver {
    /** Index of each count in a tally: attempts, failures, seconds of the successful ones; or spend. */
    static final int ATTEMPTS = 0;

    static final int FAILURES = 1;
    static final int SECONDS = 2;
    static final int SPEND = 0;

    private final boolean deployments;
    private final boolean spend;
    private final Map<String, double[]> byDeployment = new ConcurrentHashMap<>();
    private final Map<String, double[]> bySpender = new ConcurrentHashMap<>();

    ReportTallies(boolean deployments, boolean spend) {
        this.deployments = deployments;
        this.spend = spend;
    }

    @Override
    public CallObservation open(CallStart start) {
        return new CallObservation() {
            @Override
            public AttemptObservation attemptStarted(AttemptStart attempt) {
                return deployments ? new Attempt(attempt) : AttemptObservation.NONE;
            }

            @Override
            public void ended(CallEnd end) {
                if (spend && end.cost() > 0) {
                    CallerLabels caller = start.caller();
                    String team = caller.teamAlias() != null ? caller.teamAlias() : caller.teamId();
                    add(bySpender, "team:" + (team == null ? "no team" : team), SPEND, end.cost());
                    String key = caller.keyAlias() != null ? caller.keyAlias() : caller.keyHash();
                    add(bySpender, "key:" + (key == null ? "master key" : key), SPEND, end.cost());
                }
            }
        };
    }

    private final class Attempt implements AttemptObservation {
        private final AttemptStart start;

        Attempt(AttemptStart start) {
            this.start = start;
        }

        @Override
        public void succeeded(Usage usage, String finishReason) {
            String id = start.deployment().id();
            add(byDeployment, id, ATTEMPTS, 1);
            add(byDeployment, id, SECONDS, (System.nanoTime() - start.startedNanos()) / 1e9);
        }

        @Override
        public void failed(GatewayException error) {
            add(byDeployment, start.deployment().id(), ATTEMPTS, 1);
            add(byDeployment, start.deployment().id(), FAILURES, 1);
        }
    }

    /** Counts under the map's lock for the key, which {@link #flush} takes too: no count is lost to a flush. */
    private static void add(Map<String, double[]> tallies, String key, int index, double amount) {
        tallies.compute(key, (name, tally) -> {
            double[] counts = tally == null ? new double[3] : tally;
            counts[index] += amount;
            return counts;
        });
    }

    /** Adds this node's counts since the last flush to the cluster's maps. Blocking: run it on a worker. */
    void flushTo(IMap<String, double[]> deploymentTallies, IMap<String, double[]> spendTallies) {
        flush(byDeployment, deploymentTallies);
        flush(bySpender, spendTallies);
    }

    private static void flush(Map<String, double[]> local, IMap<String, double[]> shared) {
        for (String key : local.keySet()) {
            double[] tally = local.remove(key); // a count after this starts a new tally, flushed next time
            if (tally != null) {
                shared.merge(key, tally, ReportTallies::sum);
            }
        }
    }

    static double[] sum(double[] one, double[] other) {
        double[] total = one.clone();
        for (int i = 0; i < total.length && i < other.length; i++) {
            total[i] += other[i];
        }
        return total;
    }

    /** Takes every tally out of {@code shared}: what one report covers. Blocking. */
    static Map<String, double[]> take(IMap<String, double[]> shared) {
        Map<String, double[]> taken = new HashMap<>();
        for (String key : shared.keySet()) {
            double[] tally = shared.remove(key);
            if (tally != null) {
                taken.put(key, tally);
            }
        }
        return taken;
    }
}
