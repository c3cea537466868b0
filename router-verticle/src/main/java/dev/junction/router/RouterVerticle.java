package dev.junction.router;

import dev.junction.cluster.bus.Addresses;
import dev.junction.cluster.bus.BusContract;
import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.spend.BudgetLedger;
import dev.junction.cluster.state.RoutingState;
import dev.junction.router.cache.CacheStores;
import dev.junction.router.keys.KeyGate;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;

/** Serves the router address: every client request passes through here on its way to a provider. */
public final class RouterVerticle extends VerticleBase {
    private final RouterComponents components;
    private final RoutingState state;
    private final BudgetLedger ledger;
    private final CacheStores cache;
    private MessageConsumer<LlmRequest> consumer;

    public RouterVerticle(RouterComponents components, RoutingState state, BudgetLedger ledger) {
        this(components, state, ledger, CacheStores.none());
    }

    /** @param cache the node's response cache storage (see {@code litellm_settings.cache}) */
    public RouterVerticle(RouterComponents components, RoutingState state, BudgetLedger ledger, CacheStores cache) {
        this.components = components;
        this.state = state;
        this.ledger = ledger;
        this.cache = cache;
    }

    @Override
    public Future<?> start() {
        KeyGate router = components.keyGate(vertx, state, ledger, cache);
        consumer = BusContract.serve(vertx, Addresses.ROUTER, router::route);
        return consumer.completion();
    }
}
