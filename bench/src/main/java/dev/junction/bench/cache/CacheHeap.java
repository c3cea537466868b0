package dev.junction.bench.cache;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.junction.bench.load.Args;
import dev.junction.cluster.cache.CachedAnswer;
import dev.junction.cluster.cache.LocalResponseStore;
import dev.junction.cluster.cache.ResponseCacheMaps;
import dev.junction.cluster.node.ClusterSettings;
import dev.junction.cluster.node.HazelcastConfigFactory;
import dev.junction.config.CacheSettings;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The heap the response cache takes per 10,000 entries, in both stores: the cluster cache's Hazelcast map on a
 * one-member cluster (Hazelcast's own count of the entries' memory, and the heap grown), and the {@code local}
 * store (the heap grown). Each entry is a typical chat answer of {@code --answer-bytes} with a 64-hex-digit key.
 *
 * <pre>java -cp junction-bench.jar dev.junction.bench.cache.CacheHeap [--entries 10000] [--answer-bytes 600]</pre>
 *
 * Prints one {@code RESULT {json}} line. Heap figures are taken after full collections, so they hold for a quiet
 * JVM: run it alone, not next to a load.
 */
public final class CacheHeap {
    private CacheHeap() {}

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        int entries = (int) args.number("entries", 10_000);
        byte[] body = answer((int) args.number("answer-bytes", 600));
        JsonObject out = new JsonObject().put("entries", entries).put("answer_bytes", body.length);

        Config config = HazelcastConfigFactory.build(
                new ClusterSettings("cache-heap-" + ProcessHandle.current().pid(), null, List.of()));
        ResponseCacheMaps.configure(config, settings());
        HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
        try {
            IMap<String, CachedAnswer> map = member.getMap(ResponseCacheMaps.RESPONSES);
            long before = usedHeap();
            for (int i = 0; i < entries; i++) {
                map.set(key(i), new CachedAnswer(body, System.currentTimeMillis(), "deployment-" + (i % 4)));
            }
            long grown = usedHeap() - before;
            out.put("cluster_owned_entry_bytes", map.getLocalMapStats().getOwnedEntryMemoryCost())
                    .put("cluster_heap_grown_bytes", grown)
                    .put("cluster_entries", map.size());
        } finally {
            member.shutdown();
        }

        LocalResponseStore local = new LocalResponseStore(1L << 30);
        long before = usedHeap();
        for (int i = 0; i < entries; i++) {
            local.put(
                    key(i), new CachedAnswer(body.clone(), System.currentTimeMillis(), "deployment-" + (i % 4)), null);
        }
        out.put("local_heap_grown_bytes", usedHeap() - before)
                .put("local_entries", local.size().result());
        System.out.println("RESULT " + out.encode());
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
                CacheSettings.DEFAULT_MAX_MB_PER_NODE << 20,
                CacheSettings.DEFAULT_MAX_ITEM_KB << 10,
                Duration.ofSeconds(30),
                null,
                List.of());
    }

    /** A chat completion of about {@code bytes}, its text padded to size. */
    private static byte[] answer(int bytes) {
        String frame = "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":1700000000,"
                + "\"model\":\"gpt-4o-2024-08-06\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"%s\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":26,\"completion_tokens\":19,\"total_tokens\":45}}";
        int text = Math.max(1, bytes - String.format(frame, "").length());
        return String.format(frame, "word ".repeat(text / 5 + 1).substring(0, text))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String key(int i) {
        return String.format("%064x", (long) i * 2654435761L);
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
