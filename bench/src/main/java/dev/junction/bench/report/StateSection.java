package dev.junction.bench.report;

import static dev.junction.bench.report.Markdown.count;
import static dev.junction.bench.report.Markdown.ratio;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/** Scenario 7: the cluster-state path, 1 node vs 3, batched vs strict, with rpm/tpm limits that never refuse. */
final class StateSection {
    static final String PEAK = "state-peak";
    static final String LATENCY = "state-latency";
    static final String BASELINE = "state-1node-nolimit";
    /** The setups, each one Junction node or a 3-node cluster, with its own cluster name. */
    static final List<String> SETUPS = List.of(
            BASELINE, "state-1node-batched", "state-1node-strict", "state-3nodes-batched", "state-3nodes-strict");

    private final Results results;
    private final LoadSections load;

    StateSection(Results results, LoadSections load) {
        this.results = results;
        this.load = load;
    }

    /** Scenario → targets, for {@link Completeness}. */
    static List<String> latencyTargets() {
        List<String> targets = new ArrayList<>(List.of("upstream"));
        targets.addAll(SETUPS);
        return targets;
    }

    String render() {
        OptionalDouble baseline = results.median(PEAK, BASELINE, "rps");
        Markdown peak = new Markdown("setup", "median req/s", "each round", "errors", "vs 1 node without limits");
        for (String setup : SETUPS) {
            OptionalDouble rps = results.median(PEAK, setup, "rps");
            peak.row(
                    Targets.describe(setup),
                    count(rps),
                    load.rounds(PEAK, setup, "rps"),
                    load.errors(PEAK, setup),
                    ratio(rps, baseline));
        }
        JsonObject any = results.of(LATENCY, BASELINE).stream().findFirst().orElse(null);
        String rate = any == null ? "n/a" : count(any.getDouble("rate"));
        return "## 7. Cluster state path: 1 node vs 3, batched vs strict\n\n"
                + "Every setup but the first has `rpm`/`tpm` on the deployment, set far above what any run can reach:"
                + " every request is counted and checked against the cluster-wide minute window, and all succeed."
                + " `batched` is the default `rate_limit_accuracy` (a local decision, deltas pushed every 10 ms);"
                + " `strict` makes every admission and completion an atomic call to the partition owner. With 3"
                + " nodes the load is spread evenly: three wrk processes, one per node, or the open-loop"
                + " generator sending to each node in turn; with 1 node it all goes to that node. All setups run"
                + " side by side on the same 2 cores (idle ones included), so this shows the cost of the state"
                + " path and of clustering, not scale-out.\n\n"
                + "Peak throughput (closed loop, three wrk processes at once, a third of the connections each):\n\n"
                + peak.render()
                + "Fixed rate, open loop at "
                + rate
                + " req/s (half of the slowest setup's median peak) for every setup; \"added\" is over the direct"
                + " upstream in the same round:\n\n"
                + load.latencyTable(LATENCY, latencyTargets(), "lat");
    }
}
