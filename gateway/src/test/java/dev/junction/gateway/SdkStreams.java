package dev.junction.gateway;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.util.List;

/** A chat stream read to its end with the official OpenAI SDK, as a client would read it. */
final class SdkStreams {
    private SdkStreams() {}

    /** Streams {@code params}, adds every chunk to {@code into} and answers the text of their content deltas. */
    static String streamedText(OpenAIClient client, ChatCompletionCreateParams params, List<ChatCompletionChunk> into) {
        try (StreamResponse<ChatCompletionChunk> stream =
                client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(into::add);
        }
        StringBuilder text = new StringBuilder();
        into.forEach(chunk ->
                chunk.choices().forEach(choice -> choice.delta().content().ifPresent(text::append)));
        return text.toString();
    }
}
