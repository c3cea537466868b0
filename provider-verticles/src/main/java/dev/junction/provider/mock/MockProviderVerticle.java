package dev.junction.provider.mock;

import dev.junction.cluster.bus.Addresses;
import dev.junction.cluster.bus.BusContract;
import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.bus.ProviderReply;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;

/** Serves {@code mock_response} calls on the event bus. */
public final class MockProviderVerticle extends VerticleBase {
    private MessageConsumer<ProviderCall> consumer;

    @Override
    public Future<?> start() {
        consumer = BusContract.serve(vertx, Addresses.MOCK_PROVIDER, MockProviderVerticle::answer);
        return consumer.completion();
    }

    private static Future<ProviderReply> answer(ProviderCall call) {
        try {
            return Future.succeededFuture(MockResponder.respond(call));
        } catch (RuntimeException failure) {
            return Future.failedFuture(failure);
        }
    }
}
