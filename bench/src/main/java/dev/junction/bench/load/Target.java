package dev.junction.bench.load;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.URI;
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

    RequestOptions request() {
        return request(0);
    }

    /** The request of number {@code sequence}: the URLs take turns. */
    RequestOptions request(long sequence) {
        URI uri = uris.get((int) (sequence % uris.size()));
        return new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(uri.getHost())
                .setPort(uri.getPort())
                .setURI(uri.getRawPath())
                .setHeaders(headers);
    }
}
