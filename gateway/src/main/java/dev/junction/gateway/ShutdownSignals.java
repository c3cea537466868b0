package dev.junction.gateway;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT drain the node before the JVM begins to exit. Left to a shutdown hook, the drain ran at the
 * same time as every other hook, among them the embedded database's, which closed the store while the node was
 * still writing its last spend: a SIGTERM right after some calls lost their spend. The hook stays, for an exit
 * that no signal started.
 */
final class ShutdownSignals {
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownSignals.class);
    /** A process ended by signal N exits with 128 + N, as shells and container runtimes expect. */
    private static final int SIGNAL_EXIT_BASE = 128;

    private ShutdownSignals() {}

    static void install(Runnable drain) {
        AtomicBoolean drained = new AtomicBoolean();
        Runnable once = () -> {
            if (drained.compareAndSet(false, true)) {
                drain.run();
            }
        };
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal.handle(new Signal(name), signal -> new Thread(
                                () -> {
                                    once.run();
                                    System.exit(SIGNAL_EXIT_BASE + signal.getNumber());
                                },
                                "junction-shutdown")
                        .start());
            } catch (IllegalArgumentException unavailable) {
                LOG.debug("SIG{} cannot be handled here; the shutdown hook drains instead", name);
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(once, "junction-shutdown-hook"));
    }

    /** {@code SIGHUP} runs {@code reload} (reloading the config, as daemons do), where the platform has it. */
    static void onHangUp(Runnable reload) {
        try {
            Signal.handle(new Signal("HUP"), signal -> reload.run());
        } catch (IllegalArgumentException unavailable) {
            LOG.debug("SIGHUP cannot be handled here; use --watch-config to reload the config");
        }
    }
}
