package dev.junction.gateway.observe.alerts;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends alerts off the request path, once for the whole cluster. Raising one only queues it (after a check
 * against this node's memory of what it raised lately); a timer takes the queue, and for each alert takes a
 * cluster-wide lease on its key (one atomic put-if-absent with the alert's quiet period as time-to-live): the
 * node that gets it sends, the others drop theirs. At most {@link #MAX_PER_MINUTE} alerts leave a node per
 * minute, and the queue holds at most {@link #MAX_QUEUED}.
 */
public final class Alerter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Alerter.class);
    static final String SENT_MAP = "junction.alerts.sent";
    private static final int MAX_QUEUED = 1_000;
    private static final int MAX_PER_MINUTE = 60;
    private static final long DRAIN_MILLIS = 200;

    private final Vertx vertx;
    private final IMap<String, String> sent;
    private final String nodeId;
    private final List<AlertChannel> channels;
    private final Queue<Alert> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final Map<String, Long> raisedUntil = new ConcurrentHashMap<>();
    private final AtomicInteger sentThisMinute = new AtomicInteger();
    private volatile long minute;
    private final long timer;

    Alerter(Vertx vertx, HazelcastInstance hazelcast, String nodeId, List<AlertChannel> channels) {
        this.vertx = vertx;
        this.sent = hazelcast.getMap(SENT_MAP);
        this.nodeId = nodeId;
        this.channels = List.copyOf(channels);
        this.timer = vertx.setPeriodic(DRAIN_MILLIS, id -> drain());
    }

    /** Queues an alert unless this node raised the same one within its quiet period. Never blocks. */
    public void raise(Alert alert) {
        long now = System.currentTimeMillis();
        String key = alert.dedupKey();
        Long until = raisedUntil.get(key);
        if (until != null && until > now) {
            return;
        }
        raisedUntil.put(key, now + alert.quiet().toMillis());
        if (raisedUntil.size() > 10_000) {
            raisedUntil.values().removeIf(end -> end <= now);
        }
        if (queued.incrementAndGet() > MAX_QUEUED) {
            queued.decrementAndGet();
            return;
        }
        queue.add(alert);
    }

    private void drain() {
        Alert alert;
        while ((alert = queue.poll()) != null) {
            queued.decrementAndGet();
            Alert next = alert;
            claim(next).onSuccess(won -> {
                if (won && withinRate()) {
                    deliver(next);
                }
            });
        }
    }

    /** Whether this node took the cluster's lease on the alert: exactly one node does per quiet period. */
    private Future<Boolean> claim(Alert alert) {
        long ttl = Math.max(1, alert.quiet().toMillis());
        return vertx.executeBlocking(
                        () -> sent.putIfAbsent(alert.dedupKey(), nodeId, ttl, TimeUnit.MILLISECONDS) == null, false)
                .otherwise(failure -> {
                    LOG.warn("Could not reach the cluster to send alert {}: {}", alert.type(), failure.toString());
                    return false;
                });
    }

    private boolean withinRate() {
        long now = System.currentTimeMillis() / 60_000;
        if (now != minute) {
            minute = now;
            sentThisMinute.set(0);
        }
        return sentThisMinute.incrementAndGet() <= MAX_PER_MINUTE;
    }

    /** Sends to every channel now (also used by {@code /health/services}). */
    public Future<Void> deliver(Alert alert) {
        return Future.join(channels.stream()
                        .map(channel -> channel.send(alert)
                                .onFailure(failure -> LOG.warn(
                                        "Could not send a {} alert to {}: {}",
                                        alert.type(),
                                        channel.name(),
                                        failure.getMessage())))
                        .toList())
                .mapEmpty();
    }

    /** The channels alerts go to. */
    public List<String> channelNames() {
        return channels.stream().map(AlertChannel::name).toList();
    }

    @Override
    public void close() {
        vertx.cancelTimer(timer);
        channels.forEach(AlertChannel::close);
    }
}
