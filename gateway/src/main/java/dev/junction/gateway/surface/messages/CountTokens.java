package dev.junction.gateway.surface.messages;

import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Deployment;
import dev.junction.gateway.http.RequestParser;
import dev.junction.gateway.keys.Caller;
import dev.junction.gateway.keys.ModelAccess;
import dev.junction.router.resolve.ModelResolver;
import dev.junction.router.resolve.Resolution;
import dev.junction.router.tokens.TokenCounter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code POST /v1/messages/count_tokens}: the input tokens of a Messages request, counted by the router's own
 * tokenizer on its chat translation (the count the router checks context windows and rate limits with), with
 * the tokenizer of the model's first deployment. No upstream is called; the key must be allowed the model, and
 * the request may carry no credential that its Messages call could not.
 */
public final class CountTokens {
    private final RequestParser parser;
    private final Supplier<ModelResolver> resolver;
    private final TokenCounter tokens;
    private final ModelAccess access;

    public CountTokens(
            RequestParser parser, Supplier<ModelResolver> resolver, TokenCounter tokens, ModelAccess access) {
        this.parser = parser;
        this.resolver = resolver;
        this.tokens = tokens;
        this.access = access;
    }

    /** {@code {"input_tokens": N}}, or a {@link GatewayException} naming what is wrong. */
    public JsonObject count(Buffer body, Caller caller) {
        JsonObject request = RequestParser.jsonObject(body);
        if (!(request.getValue("model") instanceof String model) || model.isBlank()) {
            throw GatewayException.badField("model", "model: a non-empty string is required");
        }
        // Held to the same rule as the request it counts, though nothing is sent anywhere.
        parser.checkCredentials(request);
        // count_tokens takes no max_tokens; the translation needs none either.
        JsonObject chat = MessagesToChat.translate(request).chat();
        String routed = model;
        if (caller instanceof Caller.KeyHolder holder) {
            access.check(holder, model, new JsonObject());
            routed = ModelAccess.rewrite(holder, model);
        }
        List<Deployment> group =
                resolver.get().resolve(routed).map(Resolution::deployments).orElse(List.of());
        String tokenizerModel = group.isEmpty() ? routed : group.get(0).upstreamModel();
        return new JsonObject().put("input_tokens", tokens.countRequest(tokenizerModel, chat));
    }
}
