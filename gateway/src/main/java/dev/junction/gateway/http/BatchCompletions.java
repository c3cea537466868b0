package dev.junction.gateway.http;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.RoutedReply;
import dev.junction.cluster.error.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * LiteLLM's batch completions: a chat whose {@code model} names several models, comma-separated ({@code
 * "gpt-4o,claude"}), is sent to each of them at once, each as a call of its own (its own limits, spend and
 * spend log row), and answered with a JSON list of the completions in the order of the models. A model whose
 * call failed has its OpenAI-shaped error object in its place; when every call failed, the first error is the
 * answer. Streams are refused: there is no single stream to relay.
 */
final class BatchCompletions {
    /** More models than this in one request are refused: each is a call of its own. */
    static final int MAX_MODELS = 16;

    private BatchCompletions() {}

    static boolean isBatch(Endpoint endpoint, LlmRequest request) {
        return endpoint == Endpoint.CHAT_COMPLETIONS && request.model().indexOf(',') >= 0;
    }

    static List<String> models(LlmRequest request) {
        return Arrays.stream(request.model().split(","))
                .map(String::strip)
                .filter(model -> !model.isEmpty())
                .toList();
    }

    /** Refuses with a 400 what cannot be answered as a batch. */
    static void check(LlmRequest request) {
        if (request.stream()) {
            throw GatewayException.badField("stream", "stream is not supported when model names several models");
        }
        int count = models(request).size();
        if (count == 0 || count > MAX_MODELS) {
            throw GatewayException.badField(
                    "model", "model must name between 1 and " + MAX_MODELS + " comma-separated models");
        }
    }

    /** Calls every model with {@code call} and answers the list. */
    static void serve(LlmRequest request, HttpServerRequest client, Function<String, Future<RoutedReply>> call) {
        List<Future<RoutedReply>> calls = new ArrayList<>();
        for (String model : models(request)) {
            calls.add(call.apply(model));
        }
        Future.join(calls).onComplete(done -> {
            if (client.response().closed()) {
                return;
            }
            JsonArray answers = new JsonArray();
            Throwable firstFailure = null;
            for (Future<RoutedReply> each : calls) {
                if (each.succeeded() && each.result().reply() instanceof ProviderReply.Complete complete) {
                    answers.add(new JsonObject(complete.body()));
                } else {
                    Throwable failure =
                            each.failed() ? each.cause() : GatewayException.from(new IllegalStateException());
                    firstFailure = firstFailure == null ? failure : firstFailure;
                    answers.add(ErrorResponder.body(GatewayException.from(failure)));
                }
            }
            if (firstFailure != null
                    && answers.stream().allMatch(answer -> ((JsonObject) answer).containsKey("error"))) {
                ErrorResponder.send(client, firstFailure);
                return;
            }
            client.response().putHeader("content-type", "application/json").end(answers.toBuffer());
        });
    }
}
