package dev.junction.bench.load;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What one load generator sends: a POST of a fixed body with fixed headers, to one URL or in turn to several
 * (every {@code --url}; e.g. the nodes of a cluster).
 *
 * @param uris the absolute URLs, at least one
 * @param body the request body
 * @param headers content-type plus every {@code --header "Name: value"}
 */
record Target(List<URI> uris, Buffer body, MultiMap headers) {

    static Target from(Args args) throws IOException {
        args.required("url");
        List<URI> uris = args.all("url").stream().map(URI::create).toList();
        Buffer body = Buffer.buffer(Files.readAllBytes(Path.of(args.required("body"))));
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().set(HttpHeaders.CONTENT_TYPE, "application/json");
        List<String> extra = args.all("header");
        for (String header : extra) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("--header must be 'Name: value', got " + header);
            }
            headers.add(
                    header.substring(0, colon).strip(),
                    header.substring(colon + 1).strip());
        }
        return new Target(uris, body, headers);
    }

    /**
     * The whole HTTP/1.1 request to {@code uri} as bytes: request line, Host, the headers, Content-Length and
     * the body. OpenLoop encodes it once and writes the same bytes for every request to that URL.
     */
    byte[] encoded(URI uri) {
        if (!"http".equals(uri.getScheme())) {
            throw new IllegalArgumentException("only http:// URLs are supported, got " + uri);
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        StringBuilder head = new StringBuilder(256)
                .append("POST ")
                .append(path)
                .append(" HTTP/1.1\r\nHost: ")
                .append(uri.getHost());
        if (uri.getPort() != -1) {
            head.append(':').append(uri.getPort());
        }
        head.append("\r\n");
        headers.forEach(header -> head.append(header.getKey())
                .append(": ")
                .append(header.getValue())
                .append("\r\n"));
        head.append("Content-Length: ").append(body.length()).append("\r\n\r\n");
        ByteArrayOutputStream request = new ByteArrayOutputStream(head.length() + body.length());
        request.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        request.writeBytes(body.getBytes());
        return request.toByteArray();
    }

    static InetSocketAddress address(URI uri) {
        return new InetSocketAddress(uri.getHost(), uri.getPort() == -1 ? 80 : uri.getPort());
    }

    /** The request to the first URL, for Vert.x's HttpClient (SlowStreams). */
    RequestOptions request() {
        URI uri = uris.get(0);
        return new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(uri.getHost())
                .setPort(uri.getPort())
                .setURI(uri.getRawPath())
                .setHeaders(headers);
    }
}
