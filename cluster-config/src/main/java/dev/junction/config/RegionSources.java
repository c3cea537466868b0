package dev.junction.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A deployment's {@code region_name} only matters when a request can be held to a region: a key or end user
 * with an {@code allowed_model_region} (which needs a master key, hence keys), checked by the pre-call checks
 * (which LiteLLM runs only with {@code enable_pre_call_checks}). A config that sets regions without either
 * would filter nothing; that is worth a warning, not silence.
 */
final class RegionSources {
    private RegionSources() {}

    static void check(
            List<Deployment> deployments, RouterSettings router, GeneralSettings general, ParseContext context) {
        List<String> named = new ArrayList<>();
        for (Deployment deployment : deployments) {
            if (deployment.litellmParams().getValue("region_name") != null) {
                named.add(deployment.modelName() + " (" + deployment.id() + ")");
            }
        }
        if (named.isEmpty()) {
            return;
        }
        String where = "model_list: region_name on " + String.join(", ", named);
        if (general.masterKey() == null) {
            context.warn(
                    where,
                    "filters nothing: a region is asked for by a key's or end user's allowed_model_region, and"
                            + " without a master_key there are no keys");
        } else if (!preCallChecks(router)) {
            context.warn(
                    where,
                    "filters nothing: deployments are held to a caller's allowed_model_region only with"
                            + " router_settings.enable_pre_call_checks: true");
        }
    }

    private static boolean preCallChecks(RouterSettings router) {
        return Boolean.TRUE.equals(router.merged().getValue("enable_pre_call_checks"))
                || Boolean.TRUE.equals(router.merged().getValue("enable_pre_call_check"));
    }
}
