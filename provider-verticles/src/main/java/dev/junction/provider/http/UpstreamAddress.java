package dev.junction.provider.http;

import io.vertx.core.http.RequestOptions;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a request URL points, parsed once per URL rather than once per call ({@link
 * RequestOptions#setAbsoluteURI} parses it afresh each time, which showed in the request path's profile).
 * Applies exactly what {@code setAbsoluteURI} sets: host, port (the scheme's default when absent), TLS and
 * the request URI.
 */
record UpstreamAddress(String host, int port, boolean ssl, String uri) {
    /** Deployments name a handful of URLs; client-side api_base values could name any number. */
    private static final int MAX_CACHED = 1024;

    private static final Map<String, UpstreamAddress> PARSED = new ConcurrentHashMap<>();

    static UpstreamAddress of(String url) {
        UpstreamAddress known = PARSED.get(url);
        if (known != null) {
            return known;
        }
        UpstreamAddress parsed = parse(url);
        if (PARSED.size() < MAX_CACHED) {
            PARSED.put(url, parsed);
        }
        return parsed;
    }

    RequestOptions applyTo(RequestOptions options) {
        return options.setHost(host).setPort(port).setSsl(ssl).setURI(uri);
    }

    private static UpstreamAddress parse(String url) {
        URL parsed;
        try {
            parsed = new URL(url);
        } catch (MalformedURLException malformed) {
            throw new IllegalArgumentException("Invalid upstream URL", malformed);
        }
        String uri = parsed.getPath().isEmpty() ? "/" + parsed.getFile() : parsed.getFile();
        int port = parsed.getPort();
        return switch (parsed.getProtocol()) {
            case "http" -> new UpstreamAddress(parsed.getHost(), port == -1 ? 80 : port, false, uri);
            case "https" -> new UpstreamAddress(parsed.getHost(), port == -1 ? 443 : port, true, uri);
            default -> throw new IllegalArgumentException("Upstream URL must be http or https");
        };
    }
}
