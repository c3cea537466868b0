package dev.junction.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * LiteLLM's named route groups ({@code LiteLLMRoutes} in its {@code proxy/_types.py}), which route settings may
 * name instead of listing paths: {@code openai_routes} or {@code LiteLLMRoutes.openai_routes}. The lists are
 * LiteLLM's, paths Junction does not serve included, so that a group means what it means there.
 */
public final class RouteGroups {
    static final String PREFIX = "LiteLLMRoutes.";

    private static final List<String> OPENAI = openAi();
    private static final List<String> ANTHROPIC = List.of("/v1/messages");
    private static final List<String> PASS_THROUGH = List.of(
            "/bedrock/*",
            "/vertex-ai/*",
            "/vertex_ai/*",
            "/cohere/*",
            "/gemini/*",
            "/anthropic/*",
            "/langfuse/*",
            "/azure/*",
            "/openai/*",
            "/assemblyai/*",
            "/eu.assemblyai/*",
            "/vllm/*",
            "/mistral/*");
    private static final List<String> INFO = List.of(
            "/key/info",
            "/key/health",
            "/team/info",
            "/team/list",
            "/v2/team/list",
            "/organization/list",
            "/team/available",
            "/user/info",
            "/model/info",
            "/v1/model/info",
            "/v2/model/info",
            "/v2/key/info",
            "/model_group/info",
            "/health",
            "/key/list",
            "/user/filter/ui");
    private static final List<String> KEY_MANAGEMENT = List.of(
            "/key/generate",
            "/key/update",
            "/key/delete",
            "/key/info",
            "/key/regenerate",
            "/key/service-account/generate",
            "/key/{key}/regenerate",
            "/key/list",
            "/key/block",
            "/key/unblock");
    private static final List<String> SPEND =
            List.of("/spend/keys", "/spend/users", "/spend/tags", "/spend/calculate", "/spend/logs");
    private static final List<String> GLOBAL_SPEND = List.of(
            "/global/spend/logs",
            "/global/spend",
            "/global/spend/keys",
            "/global/spend/teams",
            "/global/spend/end_users",
            "/global/spend/models",
            "/global/predict/spend/logs",
            "/global/spend/report",
            "/global/spend/provider");
    private static final List<String> PUBLIC = List.of(
            "/routes",
            "/",
            "/health/liveliness",
            "/health/liveness",
            "/health/readiness",
            "/test",
            "/config/yaml",
            "/metrics",
            "/litellm/.well-known/litellm-ui-config",
            "/.well-known/litellm-ui-config",
            "/public/model_hub");

    private static final Map<String, List<String>> GROUPS = Map.ofEntries(
            Map.entry("openai_routes", OPENAI),
            Map.entry("anthropic_routes", ANTHROPIC),
            Map.entry("mapped_pass_through_routes", PASS_THROUGH),
            Map.entry("llm_api_routes", concat(OPENAI, ANTHROPIC, PASS_THROUGH)),
            Map.entry("info_routes", INFO),
            Map.entry("master_key_only_routes", List.of("/global/spend/reset")),
            Map.entry("key_management_routes", KEY_MANAGEMENT),
            Map.entry("management_routes", concat(management(), KEY_MANAGEMENT)),
            Map.entry("spend_tracking_routes", SPEND),
            Map.entry("global_spend_tracking_routes", GLOBAL_SPEND),
            Map.entry("public_routes", PUBLIC));

    private RouteGroups() {}

    /** The routes of a group named {@code name} or {@code LiteLLMRoutes.name}, if it is one. */
    public static Optional<List<String>> named(String name) {
        String bare = name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : name;
        return Optional.ofNullable(GROUPS.get(bare));
    }

    /** The group names, sorted: for error messages. */
    static List<String> names() {
        return GROUPS.keySet().stream().sorted().toList();
    }

    private static List<String> openAi() {
        List<String> routes = new ArrayList<>();
        for (String operation : List.of("chat/completions", "completions", "embeddings")) {
            routes.add("/engines/{model}/" + operation);
            routes.add("/openai/deployments/{model}/" + operation);
            routes.add("/" + operation);
            routes.add("/v1/" + operation);
        }
        for (String path : List.of(
                "images/generations",
                "images/edits",
                "audio/transcriptions",
                "audio/speech",
                "moderations",
                "batches",
                "batches/{batch_id}",
                "files",
                "files/{file_id}",
                "files/{file_id}/content",
                "fine_tuning/jobs",
                "fine_tuning/jobs/{fine_tuning_job_id}/cancel",
                "assistants",
                "assistants/{assistant_id}",
                "threads",
                "threads/{thread_id}",
                "threads/{thread_id}/messages",
                "threads/{thread_id}/runs",
                "models",
                "rerank",
                "realtime",
                "responses",
                "responses/{response_id}",
                "responses/{response_id}/input_items",
                "vector_stores",
                "vector_stores/{vector_store_id}/search")) {
            routes.add("/" + path);
            routes.add("/v1/" + path);
        }
        routes.addAll(List.of("/v2/rerank", "/utils/token_counter", "/utils/transform_request"));
        return List.copyOf(routes);
    }

    private static List<String> management() {
        return List.of(
                "/user/new",
                "/user/update",
                "/user/delete",
                "/user/info",
                "/team/new",
                "/team/update",
                "/team/delete",
                "/team/list",
                "/v2/team/list",
                "/team/info",
                "/team/block",
                "/team/unblock",
                "/team/available",
                "/team/permissions_list",
                "/team/permissions_update",
                "/model/new",
                "/model/update",
                "/model/delete",
                "/model/info");
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return List.copyOf(all);
    }
}
