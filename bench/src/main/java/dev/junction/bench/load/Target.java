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
 * What one load generator sends: a POST of a fixed body to one URL with fixed headers.
 *
 * @param uri the absolute URL
 * @param body the request body
 * @param headers content-type plus every {@code --header "Name: value"}
 */
record Target(URI uri, Buffer body, MultiMap headers) {

    static Target from(Args args) throws IOException {
        URI uri = URI.create(args.required("url"));
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
        return new Target(uri, body, headers);
    }

    RequestOptions request() {
        return new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(uri.getHost())
                .setPort(uri.getPort())
                .setURI(uri.getRawPath())
                .setHeaders(headers);
    }
}
