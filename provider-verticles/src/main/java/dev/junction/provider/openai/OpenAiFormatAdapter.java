package dev.junction.provider.openai;

import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.ProviderAdapter;
import dev.junction.provider.StreamTranslator;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * The answer side shared by every upstream that speaks OpenAI's format (OpenAI itself, its compatible
 * servers, Azure OpenAI): bodies and streams pass through, errors are read from OpenAI's error shape.
 * Subclasses only say how a request is addressed and authenticated.
 */
public abstract class OpenAiFormatAdapter implements ProviderAdapter {
    private final String label;
    private final OpenAiErrorClassifier classifier;

    /** @param label how messages name the upstream, e.g. {@code OpenAIException} */
    protected OpenAiFormatAdapter(String label) {
        this.label = label;
        this.classifier = new OpenAiErrorClassifier(label);
    }

    @Override
    public final String errorLabel() {
        return label;
    }

    @Override
    public final ProviderReply.Complete fromUpstream(ProviderCall call, Buffer body) {
        return OpenAiResponses.complete(body, label);
    }

    @Override
    public final StreamTranslator streamTranslator(ProviderCall call) {
        return new OpenAiStreamTranslator(!call.request().includeUsage(), classifier);
    }

    @Override
    public final GatewayException classify(int status, MultiMap headers, Buffer body) {
        return classifier.classify(status, headers, body);
    }
}
