package dev.junction.bench.load;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** One event-loop context per loop, so a generator can spread its requests (and their callbacks) evenly. */
final class EventLoops {
    private EventLoops() {}

    static Context[] contexts(Vertx vertx, int loops) {
        List<Context> found = new CopyOnWriteArrayList<>();
        Future.await(vertx.deployVerticle(
                () -> new VerticleBase() {
                    @Override
                    public Future<?> start() {
                        found.add(context);
                        return Future.succeededFuture();
                    }
                },
                new DeploymentOptions().setInstances(loops)));
        return found.toArray(Context[]::new);
    }
}
