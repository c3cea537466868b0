package dev.junction.gateway;

import dev.junction.config.ConfigLoader;
import dev.junction.config.JunctionConfig;
import dev.junction.router.resolve.LiveDeployments;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the config file again (on {@code SIGHUP}, or on change with {@code --watch-config}) and serves its
 * {@code model_list}. A file that does not load is refused with the messages start-up gives, and the running
 * version stays. Only {@code model_list} is applied: a change to another section is reported as needing a
 * restart. Each node reads its own file: a cluster whose nodes share one file (a ConfigMap) reloads on each.
 */
final class ConfigReload {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigReload.class);

    private final Vertx vertx;
    private final Path file;
    private final LiveDeployments deployments;
    private final Map<String, String> env;
    private volatile long lastModified;

    ConfigReload(Vertx vertx, Path file, LiveDeployments deployments, Map<String, String> env) {
        this.vertx = vertx;
        this.file = file;
        this.deployments = deployments;
        this.env = env;
    }

    /** Reloads now; the future fails with the config's error when the file is refused (and logged). */
    Future<JunctionConfig> reload() {
        JunctionConfig running = deployments.current().config();
        return ConfigLoader.load(vertx, file, env)
                .onFailure(refused -> LOG.error(
                        "Config reload refused, still serving the running version: invalid config: {}",
                        refused.getMessage()))
                .onSuccess(loaded -> {
                    deployments.reload(loaded);
                    LOG.info(
                            "Config reloaded from {}: {} deployments in {} model groups",
                            file,
                            loaded.deployments().size(),
                            loaded.modelGroups().size());
                    loaded.warnings().forEach(warning -> LOG.warn("Config: {}", warning));
                    if (!sameOtherSections(running, loaded)) {
                        LOG.warn("Config reload: only model_list is applied at run time; restart the node for the"
                                + " changes to router_settings, litellm_settings or general_settings");
                    }
                });
    }

    private static boolean sameOtherSections(JunctionConfig running, JunctionConfig loaded) {
        return running.router().merged().equals(loaded.router().merged())
                && running.general().raw().equals(loaded.general().raw())
                && Objects.equals(
                        running.general().masterKey(), loaded.general().masterKey());
    }

    /**
     * Checks the file's modification time every {@code period} and reloads when it changed. Blocking once (reads
     * the time now): call it off the event loop.
     */
    void watch(Duration period) {
        lastModified = vertx.fileSystem()
                .propsBlocking(file.toAbsolutePath().toString())
                .lastModifiedTime();
        vertx.setPeriodic(period.toMillis(), tick -> vertx.fileSystem()
                .props(file.toAbsolutePath().toString())
                .onSuccess(props -> {
                    if (props.lastModifiedTime() != lastModified) {
                        lastModified = props.lastModifiedTime();
                        reload();
                    }
                }));
    }
}
