package dev.junction.provider;

import dev.junction.config.ProviderFamily;
import dev.junction.provider.anthropic.AnthropicAdapter;
import dev.junction.provider.aws.AwsCredentialSources;
import dev.junction.provider.aws.SigV4Signer;
import dev.junction.provider.azure.AzureAdapter;
import dev.junction.provider.bedrock.BedrockAdapter;
import dev.junction.provider.cohere.CohereAdapter;
import dev.junction.provider.gemini.GeminiAdapter;
import dev.junction.provider.google.GoogleTokens;
import dev.junction.provider.http.Breakers;
import dev.junction.provider.http.ProviderHttpSettings;
import dev.junction.provider.huggingface.HuggingFaceAdapter;
import dev.junction.provider.mock.MockProviderVerticle;
import dev.junction.provider.ollama.OllamaAdapter;
import dev.junction.provider.openai.OpenAiAdapter;
import dev.junction.provider.sagemaker.SageMakerAdapter;
import dev.junction.provider.vertex.VertexAdapter;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Deploys one provider verticle per wire family, plus the mock provider. */
public final class ProviderVerticles {
    private ProviderVerticles() {}

    public static Future<Void> deploy(Vertx vertx, ProviderHttpSettings settings, int instances) {
        // The AWS SDK's signer is many classes: loaded here on a worker, not by an event loop signing a request.
        return vertx.executeBlocking(() -> {
                    SigV4Signer.preload();
                    return null;
                })
                .compose(loaded -> deployFamilies(vertx, settings, instances));
    }

    private static Future<Void> deployFamilies(Vertx vertx, ProviderHttpSettings settings, int instances) {
        List<Future<String>> deployed = new ArrayList<>();
        for (ProviderFamily family : ProviderFamily.values()) {
            Supplier<ProviderAdapter> adapter = adapterFor(family);
            Breakers breakers = new Breakers(vertx, settings.breaker());
            deployed.add(vertx.deployVerticle(
                    () -> new ProviderVerticle(adapter.get(), settings, breakers),
                    new DeploymentOptions().setInstances(instances)));
        }
        deployed.add(vertx.deployVerticle(MockProviderVerticle::new, new DeploymentOptions().setInstances(instances)));
        return Future.all(deployed).mapEmpty();
    }

    static Supplier<ProviderAdapter> adapterFor(ProviderFamily family) {
        return switch (family) {
            case OPENAI -> OpenAiAdapter::new;
            case AZURE -> AzureAdapter::new;
            case ANTHROPIC -> AnthropicAdapter::new;
            case BEDROCK -> withSharedCredentials(BedrockAdapter::new);
            case SAGEMAKER -> withSharedCredentials(SageMakerAdapter::new);
            case GEMINI -> GeminiAdapter::new;
            case VERTEX -> {
                GoogleTokens tokens = VertexAdapter.newTokenCache(); // one per node, shared by its event loops
                yield () -> new VertexAdapter(tokens);
            }
            case COHERE -> CohereAdapter::new;
            case HUGGINGFACE -> HuggingFaceAdapter::new;
            case OLLAMA -> OllamaAdapter::new;
        };
    }

    /** One credential cache for all of a family's verticle instances: a role is assumed once per node. */
    private static Supplier<ProviderAdapter> withSharedCredentials(
            java.util.function.Function<AwsCredentialSources, ProviderAdapter> adapter) {
        AwsCredentialSources shared = new AwsCredentialSources();
        return () -> adapter.apply(shared);
    }
}
