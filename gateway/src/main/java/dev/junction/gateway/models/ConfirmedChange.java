package dev.junction.gateway.models;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.util.function.Supplier;

/**
 * How a configuration change made through the admin API runs: its blocking part (validate, store, count the
 * next config version) on the store's workers, then the wait for every member to confirm that version; the
 * answer carries the {@code propagation} outcome. Shared by the model API and {@code /config/update}.
 */
final class ConfirmedChange {
    static final String DISABLED = "Set `'STORE_MODEL_IN_DB='True'` in your env to enable this feature.";

    /** What the blocking part made: the config version and the answer before its {@code propagation}. */
    record Step(long version, JsonObject answer) {}

    private final boolean enabled;
    private final WorkerExecutor worker;
    private final Propagation propagation;

    /** @param enabled {@code store_model_in_db}: without it LiteLLM refuses these routes with a 500 */
    ConfirmedChange(boolean enabled, WorkerExecutor worker, Propagation propagation) {
        this.enabled = enabled;
        this.worker = worker;
        this.propagation = propagation;
    }

    Future<JsonObject> run(Supplier<Step> work) {
        if (!enabled) {
            return Future.failedFuture(GatewayException.of(ErrorKind.INTERNAL, DISABLED));
        }
        return worker.executeBlocking(work::get, false)
                .compose(step -> propagation.reach(step.version()).map(outcome -> step.answer()
                        .put("propagation", outcome.toJson())));
    }
}
