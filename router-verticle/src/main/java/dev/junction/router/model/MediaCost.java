package dev.junction.router.model;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.config.Deployment;
import io.vertx.core.json.JsonObject;
import java.util.OptionalDouble;

/**
 * What a call of an operation not billed per token cost, by LiteLLM's price fields: images per image (or per
 * pixel of the size asked for), transcriptions per second of audio, speech per character of input, rerank per
 * search unit (one per query when the server reports none). An answer that reports token usage (gpt-image-1,
 * gpt-4o-transcribe) is priced per token when its model has no price of the kind above; moderations are
 * priced per token (OpenAI's are free).
 */
public final class MediaCost {
    private static final String DEFAULT_IMAGE_SIZE = "1024x1024";

    private final ModelTable table;

    public MediaCost(ModelTable table) {
        this.table = table;
    }

    public double of(Deployment deployment, Endpoint endpoint, JsonObject request, ProviderReply.Complete reply) {
        MediaPrices prices = table.mediaPrices(deployment);
        ReplyMeasures measures = ReplyMeasures.of(reply.body());
        OptionalDouble priced =
                switch (endpoint) {
                    case IMAGE_GENERATIONS -> images(deployment, prices, request, measures.items());
                    case AUDIO_TRANSCRIPTIONS -> times(prices.perSecond(), measures.seconds());
                    case AUDIO_SPEECH -> times(prices.perCharacter(), characters(request.getValue("input")));
                    case RERANK -> times(prices.perQuery(), measures.searchUnits() > 0 ? measures.searchUnits() : 1);
                    default -> OptionalDouble.empty();
                };
        if (priced.isPresent()) {
            return priced.getAsDouble();
        }
        return table.costOf(
                        deployment, reply.usage().promptTokens(), reply.usage().completionTokens())
                .total();
    }

    /**
     * The deployment's own price per image, else its own per pixel, else the table's price for the size and
     * quality asked for (as LiteLLM prices DALL-E: an HD image costs twice a standard one), else the table's
     * price per image.
     */
    private OptionalDouble images(Deployment deployment, MediaPrices prices, JsonObject request, int count) {
        MediaPrices own = MediaPrices.own(deployment);
        if (own.perImage().isPresent()) {
            return times(own.perImage(), count);
        }
        String size = request.getValue("size") instanceof String given && given.matches("\\d{1,5}x\\d{1,5}")
                ? given
                : DEFAULT_IMAGE_SIZE;
        String quality = request.getValue("quality") instanceof String given ? given : "standard";
        OptionalDouble perPixel =
                own.perPixel().isPresent() ? own.perPixel() : table.pixelPrice(deployment, quality, size);
        if (perPixel.isEmpty()) {
            return times(prices.perImage(), count);
        }
        String[] sides = size.split("x");
        return times(perPixel, (double) Long.parseLong(sides[0]) * Long.parseLong(sides[1]) * count);
    }

    private static OptionalDouble times(OptionalDouble price, double quantity) {
        return price.isPresent() ? OptionalDouble.of(price.getAsDouble() * quantity) : OptionalDouble.empty();
    }

    /** Characters as OpenAI counts them for speech: Unicode code points. */
    private static double characters(Object input) {
        return input instanceof String text ? text.codePointCount(0, text.length()) : 0;
    }
}
