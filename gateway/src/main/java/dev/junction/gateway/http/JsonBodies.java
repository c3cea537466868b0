package dev.junction.gateway.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.jackson.JacksonCodec;
import java.io.IOException;
import java.io.InputStream;

/**
 * Parses a request body into Vert.x's JSON types straight from the bytes received, as {@link
 * Buffer#toJsonValue()} does, but without Jackson's default cap of 20 million characters on one string: the
 * body's own size limit ({@code max_request_size_mb}) already bounds it, and a prompt of 25 MB in one message
 * is a valid request, not malformed JSON.
 */
final class JsonBodies {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .build())
            // As Vert.x's own parser: comments are tolerated.
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();

    private JsonBodies() {}

    /** A JsonObject, JsonArray, String, Number, Boolean or null; {@link DecodeException} when not JSON. */
    static Object parse(Buffer raw) {
        return JacksonCodec.fromParser(parser(((BufferInternal) raw).getByteBuf()), Object.class);
    }

    private static JsonParser parser(ByteBuf bytes) {
        try {
            if (bytes.hasArray()) {
                // Read in place: no copy of the body on the way into the parser.
                return FACTORY.createParser(
                        bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), bytes.readableBytes());
            }
            return FACTORY.createParser((InputStream) new ByteBufInputStream(bytes.duplicate()));
        } catch (IOException unreadable) {
            throw new DecodeException("Failed to decode: " + unreadable.getMessage(), unreadable);
        }
    }
}
