package dev.junction.bench.jmh;

import dev.junction.config.ConfigParser;
import dev.junction.config.Deployment;
import dev.junction.config.JunctionConfig;
import dev.junction.router.stats.LatencySample;
import dev.junction.router.stats.StatsView;
import dev.junction.router.strategy.PickContext;
import dev.junction.router.strategy.RoutingStrategy;
import dev.junction.router.strategy.Strategies;
import dev.junction.router.strategy.TokenPrices;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One routing decision: a strategy's pick (rpm/tpm filter included) among the healthy deployments of a
 * group, over a stats snapshot with usage and ten latency samples per deployment, as the router makes it
 * on every attempt.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class RoutingBenchmark {
    @Param({"simple-shuffle", "least-busy", "usage-based-routing-v2", "latency-based-routing", "cost-based-routing"})
    public String strategy;

    @Param({"4"})
    public int deployments;

    private RoutingStrategy picker;
    private List<Deployment> healthy;
    private StatsView stats;

    @Setup
    public void setUp() {
        JunctionConfig config = new ConfigParser().parse(config(strategy, deployments), Map.of(), "bench");
        healthy = config.deployments();
        picker = Strategies.fromSettings(
                config.router(), deployment -> Optional.of(new TokenPrices(2.5e-6, 1e-5)), new Random(42));
        stats = new FixedStats(healthy);
    }

    static JsonObject config(String strategy, int count) {
        JsonArray models = new JsonArray();
        for (int i = 0; i < count; i++) {
            models.add(new JsonObject()
                    .put("model_name", "gpt-4o")
                    .put(
                            "litellm_params",
                            new JsonObject()
                                    .put("model", "openai/gpt-4o")
                                    .put("api_base", "http://127.0.0.1:" + (9000 + i) + "/v1")
                                    .put("api_key", "sk-bench")
                                    .put("rpm", 100_000_000)
                                    .put("tpm", 100_000_000_000L)));
        }
        return new JsonObject()
                .put("model_list", models)
                .put("router_settings", new JsonObject().put("routing_strategy", strategy));
    }

    @Benchmark
    public Optional<Deployment> pick() {
        return picker.pick(healthy, stats, PickContext.of(120, false));
    }

    /** Plausible mid-minute numbers, different per deployment so no strategy short-cuts on ties. */
    static final class FixedStats implements StatsView {
        private final Map<String, Long> requests = new HashMap<>();
        private final Map<String, List<LatencySample>> latencies = new HashMap<>();

        FixedStats(List<Deployment> deployments) {
            Instant now = Instant.now();
            for (int i = 0; i < deployments.size(); i++) {
                String id = deployments.get(i).id();
                requests.put(id, 1_000L + 37L * i);
                List<LatencySample> samples = new ArrayList<>();
                for (int s = 0; s < 10; s++) {
                    samples.add(new LatencySample(now.minusSeconds(10 - s), 0.01 + 0.001 * ((i * 7 + s) % 5)));
                }
                latencies.put(id, List.copyOf(samples));
            }
        }

        @Override
        public long requestsThisMinute(String deploymentId) {
            return requests.getOrDefault(deploymentId, 0L);
        }

        @Override
        public long tokensThisMinute(String deploymentId) {
            return requests.getOrDefault(deploymentId, 0L) * 150;
        }

        @Override
        public long inFlight(String deploymentId) {
            return requests.getOrDefault(deploymentId, 0L) % 13;
        }

        @Override
        public List<LatencySample> latencies(String deploymentId) {
            return latencies.getOrDefault(deploymentId, List.of());
        }

        @Override
        public List<LatencySample> timesToFirstToken(String deploymentId) {
            return latencies(deploymentId);
        }
    }
}
