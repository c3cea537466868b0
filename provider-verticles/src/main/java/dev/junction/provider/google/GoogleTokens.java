package dev.junction.provider.google;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens for Google APIs, one cache per set of credentials, shared by every provider verticle of a node:
 * each event loop serving Vertex AI uses the same token, so the node exchanges one JWT grant per token
 * lifetime, not one per event loop.
 */
public final class GoogleTokens {
    private static final int MAX_DETAIL = 300;

    private final Clock clock;
    private final String label;
    private final Map<String, CachedToken> byCredentials = new ConcurrentHashMap<>();

    /** @param label how error messages name the upstream, e.g. {@code VertexAIException} */
    public GoogleTokens(Clock clock, String label) {
        this.clock = clock;
        this.label = label;
    }

    /**
     * A valid token for the credentials, completed on the caller's context.
     *
     * @param credentials {@code vertex_credentials} (JSON or a file path), or null for the application default
     *     credentials
     */
    public Future<GoogleToken> token(Vertx vertx, String credentials) {
        String key = credentials == null ? "" : credentials;
        CachedToken cached = byCredentials.computeIfAbsent(key, k -> new CachedToken(credentials, clock));
        Future<GoogleToken> shared = cached.get(vertx);
        if (shared.isComplete()) {
            return shared.recover(failure -> Future.failedFuture(tokenError(failure)));
        }
        // Callers on other event loops wait for the same fetch; each is answered on its own context.
        Context caller = Vertx.currentContext();
        Promise<GoogleToken> answer = Promise.promise();
        shared.onComplete(done -> {
            Runnable complete = () -> {
                if (done.succeeded()) {
                    answer.complete(done.result());
                } else {
                    answer.fail(tokenError(done.cause()));
                }
            };
            if (caller == null || Vertx.currentContext() == caller) {
                complete.run();
            } else {
                caller.runOnContext(v -> complete.run());
            }
        });
        return answer.future();
    }

    /**
     * Why no token could be had, without the credentials themselves. A token server out of reach is a
     * connection error (it may pass); a refusal or unreadable credentials are authentication errors.
     */
    private GatewayException tokenError(Throwable failure) {
        if (failure instanceof GatewayException gateway) {
            return gateway;
        }
        if (failure instanceof NoSuchFileException || failure instanceof FileNotFoundException) {
            return error(ErrorKind.AUTHENTICATION, "vertex_credentials names a file that does not exist");
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof ConnectException
                || root instanceof UnknownHostException
                || root instanceof SocketTimeoutException) {
            return error(ErrorKind.CONNECTION, "could not reach Google's token server: " + detail(root));
        }
        String what = failure instanceof IOException
                ? detail(failure)
                : failure.getClass().getSimpleName();
        return error(ErrorKind.AUTHENTICATION, "could not get a Google access token: " + what);
    }

    private GatewayException error(ErrorKind kind, String message) {
        return GatewayException.of(kind, kind.describe(label + " - " + message));
    }

    private static String detail(Throwable failure) {
        String message =
                String.valueOf(failure.getMessage()).replaceAll("\\s+", " ").strip();
        return message.length() <= MAX_DETAIL ? message : message.substring(0, MAX_DETAIL) + "...";
    }
}
