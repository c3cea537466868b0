package dev.junction.provider;

import dev.junction.cluster.bus.Addresses;
import dev.junction.cluster.bus.BusContract;
import dev.junction.cluster.bus.ProviderCall;
import dev.junction.provider.http.Breakers;
import dev.junction.provider.http.ProviderHttpSettings;
import dev.junction.provider.http.UpstreamExchange;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

/**
 * Serves one provider family on the event bus: receives a {@link ProviderCall}, calls the upstream through
 * its own keep-alive HTTP client and the deployment's circuit breaker, replies with the translated answer.
 */
public final class ProviderVerticle extends VerticleBase {
    private final ProviderAdapter adapter;
    private final ProviderHttpSettings settings;
    private final Breakers breakers;
    private HttpClientAgent client;
    private MessageConsumer<ProviderCall> consumer;

    /** @param breakers shared by every instance of this family, so a deployment has one breaker per node */
    public ProviderVerticle(ProviderAdapter adapter, ProviderHttpSettings settings, Breakers breakers) {
        this.adapter = adapter;
        this.settings = settings;
        this.breakers = breakers;
    }

    @Override
    public Future<?> start() {
        HttpClientOptions options = new HttpClientOptions()
                .setKeepAlive(true)
                .setConnectTimeout((int) settings.connectTimeout().toMillis())
                .setKeepAliveTimeout((int) settings.keepAliveTimeout().toSeconds())
                .setDecompressionSupported(true);
        client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(settings.maxConnectionsPerHost()));
        UpstreamExchange exchange = new UpstreamExchange(vertx, client, adapter, breakers);
        consumer = BusContract.serve(vertx, Addresses.provider(adapter.family()), exchange::execute);
        return consumer.completion();
    }

    @Override
    public Future<?> stop() {
        return consumer.unregister().eventually(() -> client.close());
    }
}
