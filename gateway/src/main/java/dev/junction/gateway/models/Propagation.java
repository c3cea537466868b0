package dev.junction.gateway.models;

import dev.junction.cluster.bus.Addresses;
import dev.junction.cluster.node.ClusterView;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Asks every member of the cluster to apply a config version, and waits for each to confirm it serves that
 * version (or a later one), up to a bound; {@link #confirm} does the same for any change a member must take in
 * (the key directory's caches use it). The answer lists the members that confirmed and, for each that did
 * not, why: the admin call that made the change reports it rather than claim a change every node may not have.
 */
public final class Propagation {
    /** How long a member has to confirm. A member frozen longer is reported, not waited for. */
    public static final Duration DEFAULT_BOUND = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final ClusterView cluster;
    private final Duration bound;

    public Propagation(Vertx vertx, ClusterView cluster, Duration bound) {
        this.vertx = vertx;
        this.cluster = cluster;
        this.bound = bound;
    }

    /**
     * What a change reached.
     *
     * @param version the version the change made
     * @param confirmed the members (node ids) serving it
     * @param missing the members that did not confirm within the bound, with the reason
     */
    public record Outcome(long version, List<String> confirmed, Map<String, String> missing) {
        public boolean complete() {
            return missing.isEmpty();
        }

        public JsonObject toJson() {
            JsonObject unconfirmed = new JsonObject();
            missing.forEach(unconfirmed::put);
            return new JsonObject()
                    .put("version", version)
                    .put("complete", complete())
                    .put("members", confirmed.size() + missing.size())
                    .put("confirmed", new JsonArray(confirmed))
                    .put("unconfirmed", unconfirmed);
        }
    }

    /** Never fails: a member that does not confirm is listed in the outcome. */
    public Future<Outcome> reach(long version) {
        return confirm(
                        Addresses::configApply,
                        new JsonObject().put("version", version),
                        reply -> reply.getLong("version", 0L) >= version
                                ? null
                                : "serves version " + reply.getLong("version"))
                .map(outcome -> new Outcome(version, outcome.confirmed(), outcome.missing()));
    }

    /**
     * Sends {@code message} to every member at its {@code address} and waits for each answer, up to the bound.
     * Never fails: a member that does not confirm is listed in the outcome (whose version is 0).
     *
     * @param problem what is wrong with a member's answer, or null when it confirms
     */
    public Future<Outcome> confirm(
            Function<String, String> address, JsonObject message, Function<JsonObject, String> problem) {
        List<String> members = cluster.memberIds();
        DeliveryOptions options = new DeliveryOptions().setSendTimeout(bound.toMillis());
        List<Future<String>> answers = new ArrayList<>();
        for (String member : members) {
            answers.add(vertx.eventBus()
                    .<JsonObject>request(address.apply(member), message, options)
                    .map(reply -> problem.apply(reply.body()))
                    .otherwise(Propagation::reason));
        }
        return Future.join(answers).transform(done -> {
            List<String> confirmed = new ArrayList<>();
            Map<String, String> missing = new TreeMap<>();
            for (int i = 0; i < members.size(); i++) {
                String reason = answers.get(i).result();
                if (reason == null) {
                    confirmed.add(members.get(i));
                } else {
                    missing.put(members.get(i), reason);
                }
            }
            return Future.succeededFuture(new Outcome(0, confirmed, missing));
        });
    }

    private static String reason(Throwable failure) {
        if (failure instanceof ReplyException reply) {
            return switch (reply.failureType()) {
                case TIMEOUT -> "no confirmation within the bound";
                case NO_HANDLERS -> "not serving (starting or leaving; a starting member loads the version itself)";
                default -> "failed to apply: " + reply.getMessage();
            };
        }
        return "failed to apply: " + failure.getMessage();
    }
}
