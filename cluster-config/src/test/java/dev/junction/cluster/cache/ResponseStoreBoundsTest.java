package dev.junction.cluster.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.junction.cluster.node.ClusterSettings;
import dev.junction.cluster.node.HazelcastConfigFactory;
import dev.junction.config.CacheSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Both stores stay within {@code max_size_mb}: writing four times their bound in answers leaves them holding no
 * more than the bound, the oldest answers gone, on a real one-member cluster for the cluster cache.
 */
class ResponseStoreBoundsTest {
    private static final long BOUND_BYTES = 1L << 20;
    private static final int ENTRIES = 4_000;
    private static final byte[] ANSWER = new byte[1024];

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static String key(int i) {
        return String.format("%064x", (long) i * 2654435761L);
    }

    @Test
    void the_local_store_evicts_answers_beyond_its_bytes() throws Exception {
        LocalResponseStore store = new LocalResponseStore(BOUND_BYTES);
        for (int i = 0; i < ENTRIES; i++) {
            await(store.put(key(i), new CachedAnswer(ANSWER, i, "deployment"), null));
        }
        long perEntry = ANSWER.length + 128 + LocalResponseStore.ENTRY_OVERHEAD_BYTES;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        // Caffeine evicts in its maintenance, which runs soon after the writes rather than during them.
        while (await(store.size()) * perEntry > BOUND_BYTES && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        assertThat(await(store.size()) * perEntry).isLessThanOrEqualTo(BOUND_BYTES);
        assertThat(await(store.size())).isPositive();
    }

    @Test
    void the_cluster_map_evicts_the_least_recently_used_answers_beyond_max_size_mb() throws Exception {
        int port = freePort();
        Config config = HazelcastConfigFactory.build(
                new ClusterSettings("cache-bounds-" + UUID.randomUUID(), port, List.of("127.0.0.1:" + port)));
        ResponseCacheMaps.configure(config, settings());
        HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
        Vertx vertx = Vertx.vertx();
        try {
            HazelcastResponseStore store = new HazelcastResponseStore(vertx, member);
            for (int i = 0; i < ENTRIES; i++) {
                await(store.put(key(i), new CachedAnswer(ANSWER, i, "deployment"), null));
            }
            IMap<String, CachedAnswer> map = member.getMap(ResponseCacheMaps.RESPONSES);

            assertThat(map.size()).isLessThan(ENTRIES / 2);
            // Hazelcast checks the bound on each write and evicts from the partition written, so it may exceed
            // the bound by about one entry per partition at most.
            assertThat(map.getLocalMapStats().getOwnedEntryMemoryCost()).isLessThan(BOUND_BYTES + (BOUND_BYTES >> 1));
            assertThat(await(store.get(key(0)))).as("the first answer written").isNull();
            assertThat(await(store.get(key(ENTRIES - 1))))
                    .as("the last answer written")
                    .isNotNull();
        } finally {
            await(vertx.close());
            member.shutdown();
        }
    }

    private static CacheSettings settings() {
        return new CacheSettings(
                true,
                "redis",
                CacheSettings.Store.CLUSTER,
                false,
                false,
                null,
                null,
                Set.of("completion"),
                BOUND_BYTES,
                CacheSettings.DEFAULT_MAX_ITEM_KB << 10,
                Duration.ofSeconds(30),
                null,
                List.of());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
