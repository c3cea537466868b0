package dev.junction.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A deployment's {@code region_name} only matters when a request can be held to a region: an end user with an
 * {@code allowed_model_region}, which only the admin routes make (so a master key is needed). Junction holds end
 * users to their region whether or not {@code enable_pre_call_checks} is set (LiteLLM needs it; see README). A
 * config that sets regions without a master key would filter nothing; that is worth a warning, not silence.
 */
final class RegionSources {
    private RegionSources() {}

    static void check(List<Deployment> deployments, GeneralSettings general, ParseContext context) {
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
                    "filters nothing: a region is asked for by an end user's allowed_model_region, and without a"
                            + " master_key no end user can be made");
        }
    }
}
