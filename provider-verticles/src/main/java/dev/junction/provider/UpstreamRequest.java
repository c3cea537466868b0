package dev.junction.provider;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * An HTTP request to send upstream. Always a POST; the body is JSON, or a multipart form for uploads (the
 * headers then name its boundary).
 *
 * @param url the absolute URL
 * @param headers the headers, credentials included
 * @param body the encoded body
 */
public record UpstreamRequest(String url, MultiMap headers, Buffer body) {}
