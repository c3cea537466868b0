package dev.junction.router.model;

import dev.junction.config.Deployment;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The model table Junction ships: context windows and per-token prices of about 3,000 models, reduced from
 * LiteLLM's {@code model_prices_and_context_window.json} (see {@code junction-model-table.README.md}).
 * Immutable and safe to share between threads.
 */
public final class ModelTable {
    /** The classpath resource {@link #load()} reads. */
    public static final String RESOURCE = "/junction-model-table.json";

    private final Map<String, ModelEntry> byKey = new HashMap<>();
    private final Map<String, ModelEntry> byLowerCaseKey = new HashMap<>();

    private ModelTable(Collection<ModelEntry> entries) {
        for (ModelEntry entry : entries) {
            byKey.put(entry.key(), entry);
            byLowerCaseKey.putIfAbsent(entry.key().toLowerCase(Locale.ROOT), entry);
        }
    }

    /**
     * The shipped table, read from the classpath on the first call and shared afterwards. The first call parses
     * about 300 KB, so make it at start-up, off the event loop.
     */
    public static ModelTable load() {
        return Shipped.TABLE;
    }

    public static ModelTable of(Collection<ModelEntry> entries) {
        return new ModelTable(entries);
    }

    /** A table in the resource's format ({@code fields} header, positional {@code models} rows). */
    public static ModelTable fromJson(JsonObject table) {
        return new ModelTable(ModelTableFormat.entries(table));
    }

    public int size() {
        return byKey.size();
    }

    /** The entry under exactly this key, else under the same key in another case (LiteLLM ignores case). */
    public Optional<ModelEntry> entry(String key) {
        ModelEntry exact = byKey.get(key);
        return exact != null
                ? Optional.of(exact)
                : Optional.ofNullable(byLowerCaseKey.get(key.toLowerCase(Locale.ROOT)));
    }

    /**
     * The entry for a model string of a provider: the string as given ({@code gpt-4o}, {@code
     * groq/llama3-8b-8192}), then {@code provider/model}, then the model without its provider prefix. An entry
     * of another provider is skipped at each step.
     *
     * @param provider the LiteLLM provider prefix ({@code openai}, {@code azure}, ...), or null for any
     */
    public Optional<ModelEntry> lookup(String model, String provider) {
        String bare =
                provider != null && model.startsWith(provider + "/") ? model.substring(provider.length() + 1) : model;
        List<String> keys = provider == null ? List.of(model) : List.of(model, provider + "/" + bare, bare);
        for (String key : keys) {
            Optional<ModelEntry> found =
                    entry(key).filter(entry -> TableProviders.matches(entry.litellmProvider(), provider));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /**
     * The table entry describing a deployment: its {@code base_model} first (taken as a table key even if it
     * names another provider, since the user picked it, then looked up like a model), else its {@code
     * litellm_params.model}. Azure deployments need {@code base_model}: their model is a deployment name.
     */
    public Optional<ModelEntry> entryFor(Deployment deployment) {
        String provider = deployment.provider().prefix();
        return DeploymentFields.baseModel(deployment)
                .flatMap(base -> entry(base).or(() -> lookup(base, provider)))
                .or(() -> lookup(deployment.litellmModel(), provider));
    }

    /**
     * A deployment's limits and prices: its own {@code model_info.max_input_tokens} (and the other limits),
     * {@code input_cost_per_token}/{@code output_cost_per_token} from {@code litellm_params} or {@code
     * model_info}, over the table entry of {@link #entryFor}. Empty when nothing is known.
     */
    public Optional<ModelLimits> forDeployment(Deployment deployment) {
        return ModelLimits.merge(deployment, entryFor(deployment));
    }

    /** Input plus output price per token, for cost-based routing; see {@link ModelLimits#costPerToken()}. */
    public OptionalDouble costPerToken(Deployment deployment) {
        return forDeployment(deployment).map(ModelLimits::costPerToken).orElse(OptionalDouble.empty());
    }

    /** What a call on this deployment cost, for spend tracking. */
    public Cost costOf(Deployment deployment, long promptTokens, long completionTokens) {
        return forDeployment(deployment)
                .map(limits -> limits.costOf(promptTokens, completionTokens))
                .orElse(Cost.UNPRICED);
    }

    /** A deployment's prices of images, audio and rerank queries: its own over its table entry's. */
    public MediaPrices mediaPrices(Deployment deployment) {
        return MediaPrices.forDeployment(
                deployment, entryFor(deployment).map(ModelEntry::media).orElse(MediaPrices.NONE));
    }

    /**
     * The price per pixel of one image size (and quality) of a deployment's model, from LiteLLM's entries
     * keyed {@code standard/1024-x-1024/dall-e-3} or {@code 1024-x-1024/dall-e-2}.
     */
    public OptionalDouble pixelPrice(Deployment deployment, String quality, String size) {
        String model = DeploymentFields.baseModel(deployment).orElse(deployment.upstreamModel());
        String sized = size.replace("x", "-x-") + "/" + model;
        String provider = deployment.provider().prefix();
        for (String key : quality == null ? List.of(sized) : List.of(quality + "/" + sized, sized)) {
            OptionalDouble price =
                    lookup(key, provider).map(entry -> entry.media().perPixel()).orElse(OptionalDouble.empty());
            if (price.isPresent()) {
                return price;
            }
        }
        return OptionalDouble.empty();
    }

    static ModelTable read(String resource) {
        try (InputStream in = ModelTable.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("model table resource " + resource + " is missing");
            }
            return fromJson(new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model table " + resource, e);
        }
    }

    // Holder idiom: the JVM runs the read once, on first use, and publishes it safely to every thread.
    private static final class Shipped {
        static final ModelTable TABLE = read(RESOURCE);
    }
}
