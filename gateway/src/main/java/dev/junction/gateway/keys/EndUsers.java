package dev.junction.gateway.keys;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * The end user a request names in its {@code user} field, with its budget, from the cluster cache. An id no
 * end user has is no error: it is only written in the spend log. A blocked end user's requests are refused as
 * LiteLLM refuses them.
 */
public final class EndUsers {
    private final KeyDirectory directory;

    public EndUsers(KeyDirectory directory) {
        this.directory = directory;
    }

    public Future<Optional<EndUserLimits>> of(String userId) {
        return directory.endUser(userId).compose(found -> {
            if (found.isEmpty()) {
                return Future.succeededFuture(Optional.empty());
            }
            EndUser endUser = found.get();
            if (endUser.blocked()) {
                return Future.failedFuture(GatewayException.of(
                                ErrorKind.BAD_REQUEST,
                                "User blocked from making LLM API Calls. User=" + userId
                                        + ". Unblock via `/end_user/unblock`.")
                        .withParam("user"));
            }
            if (endUser.budgetId() == null) {
                return Future.succeededFuture(Optional.of(new EndUserLimits(endUser, null)));
            }
            return directory
                    .budget(endUser.budgetId())
                    .map(budget -> Optional.of(new EndUserLimits(endUser, budget.orElse(null))));
        });
    }
}
