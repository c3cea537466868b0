package dev.junction.cluster.bus;

import dev.junction.config.ProviderFamily;
import java.util.Locale;

/** Every event-bus address Junction uses. No address literal appears anywhere else. */
public final class Addresses {
    /** The router verticle: takes an {@link LlmRequest}, answers a {@link RoutedReply}. */
    public static final String ROUTER = "junction.router";

    /** The mock provider: answers {@code mock_response} calls without any network. */
    public static final String MOCK_PROVIDER = "junction.provider.mock";

    private static final String PROVIDER_PREFIX = "junction.provider.";

    private Addresses() {}

    /** The provider verticle of a wire family: takes a {@link ProviderCall}, answers a {@link ProviderReply}. */
    public static String provider(ProviderFamily family) {
        return PROVIDER_PREFIX + family.name().toLowerCase(Locale.ROOT);
    }
}
