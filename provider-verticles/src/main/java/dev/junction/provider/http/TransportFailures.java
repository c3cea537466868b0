package dev.junction.provider.http;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Turns a transport failure (no HTTP answer at all) into a gateway error. Walks the cause chain, because
 * Vert.x and Netty wrap the interesting exception.
 */
final class TransportFailures {
    private TransportFailures() {}

    static GatewayException classify(Throwable failure, String providerLabel, String apiBase) {
        if (failure instanceof GatewayException gateway) {
            return gateway;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException
                    || cause.getClass().getSimpleName().contains("Timeout")) {
                return GatewayException.of(
                        ErrorKind.TIMEOUT,
                        ErrorKind.TIMEOUT.describe(providerLabel + " - request to " + apiBase + " timed out"));
            }
            if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
                return connection(
                        providerLabel,
                        "cannot connect to " + apiBase + " (" + cause.getClass().getSimpleName() + ")");
            }
            if (cause instanceof SSLException) {
                return connection(providerLabel, "TLS handshake with " + apiBase + " failed");
            }
        }
        return connection(
                providerLabel,
                "connection to " + apiBase + " failed: " + failure.getClass().getSimpleName());
    }

    static GatewayException timeout(String providerLabel, String apiBase, long millis) {
        return GatewayException.of(
                ErrorKind.TIMEOUT,
                ErrorKind.TIMEOUT.describe(
                        providerLabel + " - no answer from " + apiBase + " within " + millis + " ms"));
    }

    private static GatewayException connection(String providerLabel, String detail) {
        return GatewayException.of(ErrorKind.CONNECTION, ErrorKind.CONNECTION.describe(providerLabel + " - " + detail));
    }
}
