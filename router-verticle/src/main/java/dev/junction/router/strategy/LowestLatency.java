package dev.junction.router.strategy;

import dev.junction.config.Deployment;
import dev.junction.router.stats.LatencySample;
import dev.junction.router.stats.StatsView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * {@code latency-based-routing}: the candidates whose average latency is within {@code
 * lowest_latency_buffer} of the lowest share the traffic at random. A deployment without samples counts as
 * latency 0, so new or long-idle deployments are tried first and get measured. Streamed calls compare time to
 * first token when a deployment has such samples, since that is the wait a streaming client notices.
 *
 * <p>Two LiteLLM quirks are deliberately not copied: LiteLLM keeps the <em>oldest</em> samples once its list
 * is full (it drops the newest to append), and for streams divides the sum of time-to-first-token samples by
 * the length of the latency list. Here the average is a plain mean over the most recent {@code
 * max_latency_list_size} samples younger than {@code ttl}, of one list or the other.
 */
public final class LowestLatency implements RoutingStrategy {
    public static final String NAME = "latency-based-routing";

    private final LatencyOptions options;
    private final Random random;

    public LowestLatency(LatencyOptions options, Random random) {
        this.options = options;
        this.random = random;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Deployment choose(List<Deployment> candidates, StatsView stats, PickContext context) {
        double[] averages = new double[candidates.size()];
        double lowest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < candidates.size(); i++) {
            averages[i] = averageLatency(candidates.get(i).id(), stats, context);
            lowest = Math.min(lowest, averages[i]);
        }
        double ceiling = lowest + options.lowestLatencyBuffer() * lowest;
        List<Deployment> close = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            if (averages[i] <= ceiling) {
                close.add(candidates.get(i));
            }
        }
        return Choices.uniform(close, random);
    }

    /** The mean of the deployment's recent samples, 0 without any. */
    double averageLatency(String deploymentId, StatsView stats, PickContext context) {
        if (context.stream()) {
            List<LatencySample> ttft = recent(stats.timesToFirstToken(deploymentId), context.now());
            if (!ttft.isEmpty()) {
                return mean(ttft);
            }
        }
        return mean(recent(stats.latencies(deploymentId), context.now()));
    }

    private List<LatencySample> recent(List<LatencySample> samples, Instant now) {
        Instant oldest = now.minus(options.ttl());
        List<LatencySample> young =
                samples.stream().filter(s -> !s.at().isBefore(oldest)).toList();
        int from = Math.max(0, young.size() - options.maxLatencyListSize());
        return young.subList(from, young.size());
    }

    private static double mean(List<LatencySample> samples) {
        return samples.stream().mapToDouble(LatencySample::seconds).average().orElse(0);
    }
}
