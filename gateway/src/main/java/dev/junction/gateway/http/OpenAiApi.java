package dev.junction.gateway.http;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.bus.RoutedReply;
import dev.junction.cluster.error.GatewayException;
import dev.junction.gateway.keys.Caller;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * OpenAI's own operations: the request is routed as it came, and the answer relayed as it comes back. An audio
 * transcription arrives as a multipart upload.
 */
final class OpenAiApi implements InboundApi {
    private final RequestParser parser;

    OpenAiApi(RequestParser parser) {
        this.parser = parser;
    }

    @Override
    public LlmRequest parse(Endpoint endpoint, HttpServerRequest client, Buffer body, String pathModel) {
        if (endpoint == Endpoint.AUDIO_TRANSCRIPTIONS) {
            return upload(endpoint, client, body, pathModel);
        }
        return parser.parse(
                endpoint,
                body,
                pathModel,
                client.getHeader("x-litellm-call-id"),
                client.getHeader("x-litellm-timeout"));
    }

    /** A multipart upload: its text fields are checked as the request body, its files travel beside it. */
    private LlmRequest upload(Endpoint endpoint, HttpServerRequest client, Buffer body, String pathModel) {
        MultipartForm form = MultipartForm.parse(client.getHeader("content-type"), body);
        if (form.files().stream().noneMatch(file -> file.field().equals("file"))) {
            throw GatewayException.badField("file", "file is required: the audio to transcribe, as a file part");
        }
        return parser.parse(
                        endpoint,
                        form.typedFields(),
                        null,
                        pathModel,
                        client.getHeader("x-litellm-call-id"),
                        client.getHeader("x-litellm-timeout"))
                .withFiles(form.files());
    }

    @Override
    public void write(LlmRequest request, RoutedReply routed, HttpServerResponse response, Caller caller) {
        ReplyWriter.write(request, routed, response);
    }
}
