package dev.junction.gateway;

import dev.junction.config.JunctionConfig;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a node says when it starts: what it loaded, what it ignores, where it listens. */
final class StartupReport {
    private static final Logger LOG = LoggerFactory.getLogger("dev.junction");

    private StartupReport() {}

    static void configLoaded(JunctionConfig config) {
        LOG.info(
                "Loaded {} deployment(s) in {} model group(s) from {}",
                config.deployments().size(),
                config.modelGroups().size(),
                config.source());
        if (!config.ignoredKeys().isEmpty()) {
            LOG.warn(
                    "Junction does not act on these config keys yet (LiteLLM would ignore them silently): {}",
                    String.join(", ", config.ignoredKeys()));
        }
        config.warnings().forEach(LOG::warn);
        config.cache().notes().forEach(note -> LOG.info("Response cache: {}", note));
        if (config.general().masterKey() == null) {
            LOG.warn(
                    "No general_settings.master_key (or LITELLM_MASTER_KEY): the gateway is open to anyone who can reach it");
        }
    }

    /**
     * Whether the node may start: a config that sets access controls Junction does not enforce would serve
     * what it forbids, so the node stops unless the operator said to go on without them.
     */
    static boolean accessControlsEnforced(JunctionConfig config, boolean allowUnenforced) {
        List<String> unenforced = config.unenforcedAccessControls();
        if (unenforced.isEmpty()) {
            return true;
        }
        String list = String.join(", ", unenforced);
        if (allowUnenforced) {
            LOG.warn(
                    "These access controls of the config are NOT enforced ({} given): {}",
                    CommandLine.ALLOW_UNENFORCED_FLAG,
                    list);
            return true;
        }
        System.err.println("junction: the config sets access controls Junction does not enforce: " + list
                + ". Remove them, or start with " + CommandLine.ALLOW_UNENFORCED_FLAG + " (or "
                + CommandLine.ALLOW_UNENFORCED_VARIABLE + "=true) to run without them");
        return false;
    }

    static void serving(JunctionNode node, String host, long startupMillis) {
        LOG.info(
                "Junction serving on http://{}:{} (node {}, {} cluster member(s)) after {} ms",
                host,
                node.port(),
                node.cluster().nodeId(),
                node.cluster().memberCount(),
                startupMillis);
    }
}
