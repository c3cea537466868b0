package dev.junction.gateway.observe.callbacks;

import dev.junction.cluster.observe.CallObserver;
import dev.junction.config.ObservabilitySettings;
import dev.junction.gateway.observe.logs.AccessLog;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The sinks that log each finished call: the access log, {@code generic_api}, Langfuse. */
public final class LogCallbacks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogCallbacks.class);

    private final CallRecords observer;
    private final List<AutoCloseable> closeables;

    private LogCallbacks(CallRecords observer, List<AutoCloseable> closeables) {
        this.observer = observer;
        this.closeables = closeables;
    }

    public static LogCallbacks start(Vertx vertx, ObservabilitySettings settings) {
        List<Consumer<FinishedCall>> sinks = new ArrayList<>();
        List<AutoCloseable> closeables = new ArrayList<>();
        if (settings.accessLog()) {
            sinks.add(new AccessLog());
        }
        HttpClient client = null;
        if (settings.has(ObservabilitySettings.GENERIC_API) || settings.has(ObservabilitySettings.LANGFUSE)) {
            client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(5_000));
        }
        if (settings.has(ObservabilitySettings.GENERIC_API)) {
            String endpoint = settings.variable("GENERIC_LOGGER_ENDPOINT");
            if (endpoint == null) {
                LOG.warn("callbacks names generic_api, but GENERIC_LOGGER_ENDPOINT is not set: nothing is sent");
            } else {
                GenericApiSink sink = new GenericApiSink(
                        vertx,
                        client,
                        endpoint,
                        settings.variable("GENERIC_LOGGER_HEADERS"),
                        settings.successCallbacks().contains(ObservabilitySettings.GENERIC_API),
                        settings.failureCallbacks().contains(ObservabilitySettings.GENERIC_API),
                        settings.messageLogging());
                sinks.add(sink);
                closeables.add(sink);
            }
        }
        if (settings.has(ObservabilitySettings.LANGFUSE)) {
            String publicKey = settings.variable("LANGFUSE_PUBLIC_KEY");
            String secretKey = settings.variable("LANGFUSE_SECRET_KEY");
            if (publicKey == null || secretKey == null) {
                LOG.warn("callbacks names langfuse, but LANGFUSE_PUBLIC_KEY or LANGFUSE_SECRET_KEY is not set");
            } else {
                String host = settings.variable("LANGFUSE_HOST");
                LangfuseSink sink = new LangfuseSink(
                        vertx,
                        client,
                        host == null ? LangfuseSink.DEFAULT_HOST : host,
                        publicKey,
                        secretKey,
                        settings.successCallbacks().contains(ObservabilitySettings.LANGFUSE),
                        settings.failureCallbacks().contains(ObservabilitySettings.LANGFUSE),
                        settings.messageLogging());
                sinks.add(sink);
                closeables.add(sink);
            }
        }
        if (client != null) {
            HttpClient shared = client;
            closeables.add(shared::close);
        }
        return new LogCallbacks(new CallRecords(sinks), closeables);
    }

    public CallObserver observer() {
        return observer;
    }

    @Override
    public void close() {
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // shutting down: each sink is closed even when another fails
            }
        }
    }
}
