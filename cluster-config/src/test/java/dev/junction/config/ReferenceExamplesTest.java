package dev.junction.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The config examples of the LiteLLM pages in {@code /work/shared/reference}, re-indented by hand, loaded
 * through Vert.x Config. Examples with providers Junction does not support (huggingface, vertex_ai) are left
 * out.
 */
class ReferenceExamplesTest {
    private static final Path DIR = Path.of("src/test/resources/reference-examples");
    private static final Path REJECTED = Path.of("src/test/resources/reference-examples-rejected");
    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void closeVertx() throws Exception {
        ConfigLoaderTest.await(vertx.close());
    }

    record Example(
            String file,
            Map<String, String> env,
            List<String> groups,
            List<ProviderFamily> families,
            Consumer<JunctionConfig> more) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Example> examples() {
        return Stream.concat(ReferenceExampleCases.proxyConfigPage(), ReferenceExampleCases.otherPages());
    }

    @ParameterizedTest
    @MethodSource("examples")
    void loads(Example example) throws Exception {
        JunctionConfig config =
                ConfigLoaderTest.await(ConfigLoader.load(vertx, DIR.resolve(example.file()), example.env()));
        assertThat(List.copyOf(config.modelGroups())).containsExactlyElementsOf(example.groups());
        assertThat(config.deployments()).extracting(Deployment::family).containsExactlyElementsOf(example.families());
        assertThat(config.deployments()).extracting(Deployment::id).doesNotHaveDuplicates();
        example.more().accept(config);
    }

    @Test
    void every_saved_example_has_a_case() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(
                            examples().map(Example::file).toList());
        }
    }

    @Test
    void the_all_settings_listing_fails_for_its_empty_litellm_params() {
        Path file = REJECTED.resolve("proxy-config-yaml-17.yaml");
        assertThatThrownBy(() -> ConfigLoaderTest.await(ConfigLoader.load(vertx, file, Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessage("model_list[0].litellm_params.model: is required");
    }

    @Test
    void a_placeholder_api_base_fails_naming_the_key() {
        Path file = REJECTED.resolve("load-balancing-multiple-instances-1.yaml");
        assertThatThrownBy(() -> ConfigLoaderTest.await(ConfigLoader.load(vertx, file, Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessage("model_list[0].litellm_params.api_base: expected an absolute http:// or https:// URL such"
                        + " as https://host:port/v1, got \"<your-azure-endpoint>\"");
    }

    static Example example(String file, Map<String, String> env, List<String> groups, List<ProviderFamily> families) {
        return new Example(file, env, groups, families, config -> {});
    }

    static Example example(
            String file,
            Map<String, String> env,
            List<String> groups,
            List<ProviderFamily> families,
            Consumer<JunctionConfig> more) {
        return new Example(file, env, groups, families, more);
    }
}
