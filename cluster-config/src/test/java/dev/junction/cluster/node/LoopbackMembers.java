package dev.junction.cluster.node;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Real Hazelcast members for a test, on free loopback ports that name each other. Without explicit ports they
 * took the first free ones from 5701 and looked for each other among 5701-5703 only: with another process
 * holding those (a benchmark's members, say), each formed a cluster of its own and the test saw two.
 */
public final class LoopbackMembers {
    private LoopbackMembers() {}

    public static List<HazelcastInstance> start(String namePrefix, int count) {
        List<Integer> ports = freePorts(count);
        List<String> addresses = ports.stream().map(port -> "127.0.0.1:" + port).toList();
        String cluster = namePrefix + "-" + UUID.randomUUID();
        List<HazelcastInstance> members = new ArrayList<>();
        for (int port : ports) {
            members.add(Hazelcast.newHazelcastInstance(
                    HazelcastConfigFactory.build(new ClusterSettings(cluster, port, addresses))));
        }
        awaitSize(members.get(0), count);
        return members;
    }

    private static void awaitSize(HazelcastInstance member, int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (member.getCluster().getMembers().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the test members did not form one cluster of " + count);
            }
            Thread.onSpinWait();
        }
    }

    private static List<Integer> freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // the port is free again either way
                }
            }
        }
    }
}
