package dev.junction.cluster.bus;

import dev.junction.config.ProviderFamily;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** Every event-bus address Junction uses. No address literal appears anywhere else. */
public final class Addresses {
    /** The router verticle: takes an {@link LlmRequest}, answers a {@link RoutedReply}. */
    public static final String ROUTER = "junction.router";

    /** The mock provider: answers {@code mock_response} calls without any network. */
    public static final String MOCK_PROVIDER = "junction.provider.mock";

    /**
     * Each node's config receiver, one address per member: takes {@code {"version": n}}, applies the cluster's
     * current models and answers {@code {"node": id, "version": applied}}. Clustered, so that the node making a
     * change can ask every member in turn and know which of them applied it.
     */
    private static final String CONFIG_APPLY_PREFIX = "junction.config.apply.";

    /**
     * Per member: takes a changed key, team, user, ... ({@code {"map", "id"}}) into the member's local copy and
     * confirms it, so that an admin change is in force on every node when its call answers.
     */
    private static final String DIRECTORY_APPLY_PREFIX = "junction.directory.apply.";

    private static final String PROVIDER_PREFIX = "junction.provider.";
    private static final Map<ProviderFamily, String> PROVIDERS = new EnumMap<>(ProviderFamily.class);

    static {
        for (ProviderFamily family : ProviderFamily.values()) {
            PROVIDERS.put(family, PROVIDER_PREFIX + family.name().toLowerCase(Locale.ROOT));
        }
    }

    private Addresses() {}

    /** The config receiver of the member {@code nodeId} (its cluster node id). */
    public static String configApply(String nodeId) {
        return CONFIG_APPLY_PREFIX + nodeId;
    }

    /** The key directory's cache receiver of the member {@code nodeId} (its cluster node id). */
    public static String directoryApply(String nodeId) {
        return DIRECTORY_APPLY_PREFIX + nodeId;
    }

    /** The provider verticle of a wire family: takes a {@link ProviderCall}, answers a {@link ProviderReply}. */
    public static String provider(ProviderFamily family) {
        return PROVIDERS.get(family);
    }
}
