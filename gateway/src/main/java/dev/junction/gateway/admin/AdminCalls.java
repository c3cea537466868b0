package dev.junction.gateway.admin;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.gateway.keys.DuplicateEntryException;
import dev.junction.gateway.keys.KeyDirectory;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every admin route does alike: store work off the event loop, and one way to answer or fail. */
public final class AdminCalls {
    private static final Logger LOG = LoggerFactory.getLogger(AdminCalls.class);

    private final KeyDirectory directory;

    public AdminCalls(KeyDirectory directory) {
        this.directory = directory;
    }

    public <T> Future<T> blocking(Callable<T> work) {
        return directory.blocking(work).recover(failure -> Future.failedFuture(storeError(failure)));
    }

    /** Answers the result as JSON (an object, a list or a number, as LiteLLM's routes answer), or fails. */
    public void answer(RoutingContext ctx, Future<?> result) {
        result.onComplete(done -> {
            if (done.succeeded()) {
                ctx.response()
                        .putHeader("content-type", "application/json")
                        .end(io.vertx.core.json.Json.encode(done.result()));
            } else {
                ctx.fail(done.cause());
            }
        });
    }

    /**
     * Where page {@code page} of {@code size} rows starts, held to an int: a page far past the end computed in
     * int arithmetic would wrap round to a negative offset and answer rows of an earlier page.
     */
    public static int offset(int page, int size) {
        return (int) Math.min(Integer.MAX_VALUE, (page - 1L) * size);
    }

    public static int intParam(RoutingContext ctx, String name, int fallback, int min, int max) {
        String text = ctx.request().getParam(name);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value < min || value > max) {
                throw GatewayException.badField(name, name + " must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException invalid) {
            throw GatewayException.badField(name, name + " must be a whole number");
        }
    }

    static Throwable storeError(Throwable failure) {
        if (failure instanceof GatewayException) {
            return failure;
        }
        if (failure instanceof DuplicateEntryException duplicate) {
            return GatewayException.badField(duplicate.field(), duplicate.getMessage());
        }
        LOG.error("The key store failed: {}", failure.toString());
        return GatewayException.of(ErrorKind.SERVICE_UNAVAILABLE, "The key store failed to answer; try again.");
    }
}
