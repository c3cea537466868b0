package dev.junction.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads real files through Vert.x Config's YAML format. */
class ConfigLoaderTest {
    private static Vertx vertx;

    @TempDir
    Path dir;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void closeVertx() throws Exception {
        await(vertx.close());
    }

    static <T> T await(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    static JunctionConfig load(Path file, Map<String, String> env) throws Exception {
        return await(ConfigLoader.load(vertx, file, env));
    }

    @Test
    void ids_match_litellm_for_a_file_read_through_vertx_config() throws Exception {
        // Expected ids: python3 with PyYAML 6 read the same file and ran LiteLLM's hashing loop over each
        // entry's litellm_params (os.environ/ resolved), see DeploymentIdsTest for the loop.
        Path file = Path.of("src/test/resources/ids/hash-cases.yaml");
        JunctionConfig config = load(file, Map.of("AZURE_API_KEY_EU", "sk-eu-test"));
        assertThat(config.deployments())
                .extracting(Deployment::id)
                .containsExactly(
                        "fd2312d4288fe02c42f3232a3d3fdd59541a7302abd705b760c5f5a411f4e19b",
                        "da477d9fa6ccccd4d701bf9a96757afc9d4c95665b1f34884e97e05392e8c2a8",
                        "487bd8bf10fbf8dc104aabb34be9a2463fcd43eb1de45d1fa63aa67bbc0fe015",
                        "dea2e80a2e71f732645d536a198ad985d4bd11625489cb8762794acdcdc310c2");
    }

    @Test
    void keeps_litellm_params_in_file_order_and_reads_bare_dates_as_text() throws Exception {
        JunctionConfig config =
                load(Path.of("src/test/resources/ids/hash-cases.yaml"), Map.of("AZURE_API_KEY_EU", "sk-eu-test"));
        Deployment azure = config.deployments().get(0);
        assertThat(azure.litellmParams().fieldNames())
                .containsExactly("model", "api_version", "api_base", "api_key", "rpm");
        assertThat(azure.litellmParams().getValue("api_version")).isEqualTo("2023-05-15");
        assertThat(azure.apiVersion()).isEqualTo("2023-05-15");
        assertThat(config.deployments().get(1).litellmParams().fieldNames())
                .containsExactly("tpm", "model", "temperature", "top_p", "seed", "stream", "logprobs");
    }

    @Test
    void a_missing_file_fails_naming_the_file() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> load(missing, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(missing + ": file not found");
    }

    @Test
    void invalid_yaml_fails_naming_the_file_without_quoting_it() throws Exception {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(
                broken,
                "model_list:\n  - model_name: x\n    litellm_params: {model: [openai/x\n  api_key: sk-secret\n");
        assertThatThrownBy(() -> load(broken, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(broken + ": not valid YAML")
                .hasMessageNotContaining("sk-secret")
                .hasNoCause();
    }

    @Test
    void a_yaml_list_at_the_top_is_not_a_config() throws Exception {
        Path list = dir.resolve("list.yaml");
        Files.writeString(list, "- a\n- b\n");
        assertThatThrownBy(() -> load(list, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(list + ": not valid YAML: the top level must be a map of sections");
    }

    @Test
    void an_empty_file_loads_with_a_warning() throws Exception {
        Path empty = dir.resolve("empty.yaml");
        Files.writeString(empty, "");
        JunctionConfig config = load(empty, Map.of());
        assertThat(config.deployments()).isEmpty();
        assertThat(config.warnings()).anyMatch(w -> w.startsWith("model_list:"));
        assertThat(config.source()).isEqualTo(empty.toString());
    }

    @Test
    void a_file_of_only_blank_lines_and_comments_loads_as_an_empty_one() throws Exception {
        // SnakeYAML reads such a file as no document at all; Vert.x Config then failed with a
        // NullPointerException, shown at start-up as the whole message.
        Path blank = dir.resolve("blank.yaml");
        Files.writeString(blank, "\n# model_list: to come\n\n");
        JunctionConfig config = load(blank, Map.of());
        assertThat(config.deployments()).isEmpty();
        assertThat(config.warnings()).anyMatch(w -> w.startsWith("model_list:"));
    }

    @Test
    void parse_errors_keep_their_yaml_path() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "model_list:\n  - model_name: x\n    litellm_params:\n      model: openai/\n");
        assertThatThrownBy(() -> load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("model_list[0].litellm_params.model: no model name after 'openai/'");
    }

    @Test
    void the_demo_config_loads_and_every_deployment_is_mocked() throws Exception {
        JunctionConfig config = await(ConfigLoader.loadDemo(vertx));
        assertThat(config.modelGroups()).containsExactly("gpt-4o-mini", "claude-3-5-haiku", "text-embedding-3-small");
        assertThat(config.deployments()).allSatisfy(d -> {
            assertThat(d.mockResponse()).isPresent();
            assertThat(d.apiKey()).isNull();
        });
        assertThat(config.deployments())
                .extracting(Deployment::family)
                .containsExactly(ProviderFamily.OPENAI, ProviderFamily.ANTHROPIC, ProviderFamily.OPENAI);
        assertThat(config.deployments().get(2).modelInfo().getString("mode")).isEqualTo("embedding");
        assertThat(config.ignoredKeys()).isEmpty();
    }

    @Test
    void include_adds_the_sections_of_other_files_extending_lists_and_replacing_the_rest() throws Exception {
        Files.createDirectories(dir.resolve("models"));
        Files.writeString(
                dir.resolve("models/more.yaml"),
                """
                model_list:
                  - model_name: b
                    litellm_params: {model: openai/gpt-4o, api_key: sk-b}
                router_settings: {num_retries: 5}
                """);
        Path main = dir.resolve("config.yaml");
        Files.writeString(
                main,
                """
                include: [models/more.yaml]
                model_list:
                  - model_name: a
                    litellm_params: {model: openai/gpt-4o-mini, api_key: sk-a}
                router_settings: {num_retries: 1, timeout: 30}
                """);
        JunctionConfig config = load(main, Map.of());
        assertThat(config.modelGroups()).containsExactly("a", "b");
        assertThat(config.router().merged().getInteger("num_retries")).isEqualTo(5);
        assertThat(config.router().merged().getValue("timeout"))
                .as("replaced with the whole section")
                .isNull();
        assertThat(config.warnings()).noneMatch(w -> w.startsWith("include"));
    }

    @Test
    void an_include_that_cannot_be_read_names_its_entry_and_file() throws Exception {
        Path main = dir.resolve("config.yaml");
        Files.writeString(main, "include: [missing.yaml]\nmodel_list: []\n");
        assertThatThrownBy(() -> load(main, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("include[0]: " + dir.resolve("missing.yaml") + ": file not found");
        Files.writeString(main, "include: models.yaml\n");
        assertThatThrownBy(() -> load(main, Map.of()))
                .hasMessage("include: expected a list of YAML file paths, relative to the config file");
        Files.writeString(dir.resolve("nested.yaml"), "include: [other.yaml]\n");
        Files.writeString(main, "include: [nested.yaml]\n");
        assertThatThrownBy(() -> load(main, Map.of()))
                .hasMessageEndingWith("has an include of its own; only the main config's include is read");
    }
}
