package dev.junction.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouteAndAddressListsTest {

    @Test
    void routes_match_exactly_by_placeholder_by_prefix_and_by_group() {
        RouteList routes = RouteList.of(List.of("/v1/models", "/key/{key}/regenerate", "/team/*", "info_routes"));
        assertThat(routes.matches("/v1/models")).isTrue();
        assertThat(routes.matches("/v1/models/gpt-4o")).isFalse();
        assertThat(routes.matches("/key/sk-1/regenerate")).isTrue();
        assertThat(routes.matches("/key/a/b/regenerate")).isFalse();
        assertThat(routes.matches("/team/new")).isTrue();
        assertThat(routes.matches("/model/info")).isTrue();
        assertThat(routes.matches("/chat/completions")).isFalse();
    }

    @Test
    void groups_are_litellms_with_or_without_their_enum_prefix() {
        RouteList openAi = RouteList.of(List.of("LiteLLMRoutes.openai_routes"));
        assertThat(openAi.matches("/chat/completions")).isTrue();
        assertThat(openAi.matches("/openai/deployments/gpt-4o/chat/completions"))
                .isTrue();
        assertThat(openAi.matches("/engines/gpt-4o/embeddings")).isTrue();
        assertThat(openAi.matches("/key/generate")).isFalse();
        assertThat(RouteList.of(List.of("management_routes")).matches("/key/regenerate"))
                .isTrue();
        assertThat(RouteList.of(List.of("public_routes")).matches("/health/readiness"))
                .isTrue();
    }

    @Test
    void addresses_match_by_value_block_and_localhost() {
        IpAllowList ips = IpAllowList.of(List.of("10.0.0.0/8", "192.168.1.7", "2001:db8::/32", "localhost"));
        assertThat(ips.allows("10.255.0.1")).isTrue();
        assertThat(ips.allows("11.0.0.1")).isFalse();
        assertThat(ips.allows("192.168.1.7")).isTrue();
        assertThat(ips.allows("192.168.1.8")).isFalse();
        assertThat(ips.allows("2001:db8:0:0::1")).isTrue();
        assertThat(ips.allows("127.0.0.1")).isTrue();
        assertThat(ips.allows("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(ips.allows("::ffff:10.1.1.1")).as("IPv4-mapped IPv6").isTrue();
        assertThat(ips.allows("not-an-address")).isFalse();
        assertThat(ips.allows(null)).isFalse();
    }
}
