package dev.junction.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.http.RequestOptions;
import org.junit.jupiter.api.Test;

class UpstreamAddressTest {
    @Test
    void sets_what_an_absolute_uri_sets() {
        for (String url : new String[] {
            "http://127.0.0.1:8080/v1/chat/completions",
            "https://example.openai.azure.com/openai/deployments/gpt/chat/completions?api-version=2024-10-21",
            "http://localhost?x=1",
            "https://api.anthropic.com/v1/messages"
        }) {
            RequestOptions expected = new RequestOptions().setAbsoluteURI(url);
            RequestOptions actual = UpstreamAddress.of(url).applyTo(new RequestOptions());
            assertThat(actual.getHost()).as(url).isEqualTo(expected.getHost());
            assertThat(actual.getPort()).as(url).isEqualTo(expected.getPort());
            assertThat(actual.isSsl()).as(url).isEqualTo(expected.isSsl());
            assertThat(actual.getURI()).as(url).isEqualTo(expected.getURI());
        }
    }

    @Test
    void parses_a_url_once() {
        String url = "http://127.0.0.1:9/v1/embeddings";
        assertThat(UpstreamAddress.of(url)).isSameAs(UpstreamAddress.of(url));
    }

    @Test
    void refuses_a_scheme_other_than_http() {
        assertThatThrownBy(() -> UpstreamAddress.of("ftp://example.com/x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
